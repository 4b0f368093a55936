namespace Portal.Platform.Files;

/// <summary>
/// Where file contents live (platform.md §5.2). Keys are server-generated relative paths, never names from a user, so
/// a stored file cannot be addressed from outside except through an endpoint that checks access.
/// </summary>
public interface IFileStorage
{
    /// <summary>Copies the stream into a new object and returns its storage key.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken ct = default);

    /// <summary>The object's content, or null when it does not exist (or the key is not one this store issues).</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default);

    /// <summary>Removes the object; a missing object is not an error (deletion may be retried).</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);
}
