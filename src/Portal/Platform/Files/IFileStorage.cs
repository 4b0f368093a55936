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

    /// <summary>Every object this store holds, for the orphan sweep (<see cref="OrphanFileSweeper"/>).</summary>
    IAsyncEnumerable<StoredObject> ListAsync(CancellationToken ct = default);
}

/// <summary>An object in storage as the sweep sees it: its key and when it was last written.</summary>
public sealed record StoredObject(string Key, DateTime LastWrittenUtc);
