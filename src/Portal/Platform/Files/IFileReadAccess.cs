namespace Portal.Platform.Files;

/// <summary>
/// The read rule of one owner type (platform.md §5.2): <c>GET /arquivos/{id}</c> serves a file only when the module
/// that owns <see cref="StoredFile.OwnerType"/> says this user may see the owning record. A file whose owner type has
/// no registered rule is never served (404), so a module's files stay private until it says otherwise.
/// </summary>
public interface IFileReadAccess
{
    /// <summary>The <see cref="StoredFile.OwnerType"/> this rule answers for (e.g. "Task").</summary>
    string OwnerType { get; }

    /// <summary>May <paramref name="userId"/> read <paramref name="file"/>? False answers 404, never 403.</summary>
    Task<bool> CanReadAsync(StoredFile file, long userId, CancellationToken ct);
}

public static class FileReadAccessExtensions
{
    /// <summary>Registers an owner's read rule (scoped, so it may use the request's database context).</summary>
    public static IServiceCollection AddFileReadAccess<T>(this IServiceCollection services) where T : class, IFileReadAccess =>
        services.AddScoped<IFileReadAccess, T>();
}
