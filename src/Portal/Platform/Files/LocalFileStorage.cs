using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Platform.Configuration;

namespace Portal.Platform.Files;

/// <summary>
/// Files on the local disk under <see cref="PortalPaths.FilesPath"/> (outside the web root), as "yyyy/MM/&lt;guid&gt;"
/// without extension: nothing about the name can make a web server or the OS treat the content as executable.
/// </summary>
public sealed partial class LocalFileStorage(PortalPaths paths, TimeProvider clock) : IFileStorage
{
    private readonly string _root = Path.GetFullPath(paths.FilesPath);

    public async Task<string> SaveAsync(Stream content, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = string.Create(CultureInfo.InvariantCulture, $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await content.CopyToAsync(file, ct);
        }
        catch
        {
            // A half-written object must not linger without a row pointing at it.
            File.Delete(path);
            throw;
        }
        return key;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        if (!IsValidKey(key)) return Task.FromResult<Stream?>(null);
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult<Stream?>(null);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        return Task.FromResult<Stream?>(stream);
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        if (IsValidKey(key)) File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!Directory.Exists(_root)) yield break;
        await Task.Yield(); // the walk is blocking disk I/O: never run it on the caller's synchronous path
        // Only the year/month folders this store creates: other files under the root (the health probe) are not objects.
        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!IsValidKey(key)) continue;
            DateTime written;
            try { written = File.GetLastWriteTimeUtc(path); }
            catch (IOException) { continue; } // deleted meanwhile
            yield return new StoredObject(key, written);
        }
    }

    /// <summary>Full path of a key on this disk (tests and backups need it; pages never do).</summary>
    public string PathOf(string key) =>
        IsValidKey(key) ? Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)) : throw new ArgumentException("Invalid storage key.", nameof(key));

    /// <summary>Only keys of the shape this store generates are accepted, so no key can walk out of the root.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();
}
