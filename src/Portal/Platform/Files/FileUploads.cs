using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Files;

/// <summary>An upload before it is accepted: the browser's name, its length and a way to read it (more than once).</summary>
public sealed record UploadSource(string FileName, long Length, Func<Stream> Open)
{
    public static UploadSource From(IFormFile file) => new(file.FileName, file.Length, file.OpenReadStream);
}

/// <summary>The record a stored file belongs to (platform.md §5.1 OwnerType/OwnerId).</summary>
public sealed record FileOwner(string Type, long Id);

public sealed record UploadResult(StoredFile? File, string? Error, bool TooLarge)
{
    public bool Succeeded => File is not null;
}

/// <summary>
/// The one way files enter the portal (platform.md §5.2): validates against the use case (size, extension AND content
/// signature, always-rejected content), writes the content to storage with its SHA-256, and stages the
/// <see cref="StoredFile"/> row. The caller saves the row with its own change (and audit entry) in one transaction,
/// and calls <see cref="DiscardAsync"/> if that save fails so no orphan stays on disk.
/// </summary>
public sealed class FileUploads(PortalDb db, IFileStorage storage, IEnumerable<FileUseCase> useCases, TimeProvider clock, ILogger<FileUploads> logger)
{
    public const string TypeNotAllowed = "Tipo de arquivo não permitido.";
    public const string EmptyFile = "O arquivo está vazio.";

    public static string TooLargeMessage(FileUseCase useCase) => $"Arquivo excede o tamanho permitido ({useCase.MaxSizeLabel}).";

    public FileUseCase UseCase(string key) =>
        useCases.LastOrDefault(u => u.Key == key) ?? throw new InvalidOperationException($"Unknown file use case '{key}'.");

    /// <summary>Checks an upload without storing anything; returns the detected type or the pt-BR error.</summary>
    public async Task<(FileType? Type, string? Error, bool TooLarge)> ValidateAsync(string useCaseKey, UploadSource source, CancellationToken ct = default)
    {
        var useCase = UseCase(useCaseKey);
        if (source.Length > useCase.MaxBytes) return (null, TooLargeMessage(useCase), true);
        if (source.Length <= 0) return (null, EmptyFile, false);
        var extension = Path.GetExtension(SanitizeName(source.FileName)).ToLowerInvariant();
        var head = await ReadHeadAsync(source, ct);
        if (FileTypes.IsAlwaysRejected(extension, head)) return (null, TypeNotAllowed, false);
        var type = useCase.Types.FirstOrDefault(t => t.Extensions.Contains(extension) && t.Signature(head));
        return type is null ? (null, TypeNotAllowed, false) : (type, null, false);
    }

    /// <summary>Validates, stores the content and stages the row (not saved). Nothing is written when invalid.</summary>
    public async Task<UploadResult> StoreAsync(string useCaseKey, UploadSource source, FileOwner owner, long? uploadedById, string? purpose = null, CancellationToken ct = default)
    {
        var (type, error, tooLarge) = await ValidateAsync(useCaseKey, source, ct);
        if (type is null) return new UploadResult(null, error, tooLarge);

        using var sha = SHA256.Create();
        string key;
        await using (var content = source.Open())
        await using (var hashing = new CryptoStream(content, sha, CryptoStreamMode.Read, leaveOpen: true))
            key = await storage.SaveAsync(hashing, ct);

        var file = new StoredFile
        {
            Id = Guid.NewGuid(),
            OwnerType = owner.Type,
            OwnerId = owner.Id,
            Purpose = purpose ?? useCaseKey,
            OriginalName = SanitizeName(source.FileName),
            ContentType = type.ContentType,
            SizeBytes = source.Length,
            Sha256 = Convert.ToHexStringLower(sha.Hash!),
            StorageKey = key,
            UploadedById = uploadedById,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.StoredFiles.Add(file);
        return new UploadResult(file, null, false);
    }

    /// <summary>Undoes <see cref="StoreAsync"/> when the caller's save failed.</summary>
    public async Task DiscardAsync(StoredFile file)
    {
        db.Entry(file).State = EntityState.Detached;
        await PurgeAsync(file);
    }

    /// <summary>Stages the row's deletion; call <see cref="PurgeAsync"/> after saving to remove the content.</summary>
    public void Remove(StoredFile file) => db.StoredFiles.Remove(file);

    /// <summary>
    /// Stages the deletion of every file of <paramref name="owner"/> (the owner itself is being deleted). The caller
    /// saves its change, then calls <see cref="PurgeAsync(IEnumerable{StoredFile})"/> with the returned files; content
    /// a failed or forgotten purge leaves behind is removed later by <see cref="OrphanFileSweeper"/> (PLT-08).
    /// </summary>
    public async Task<IReadOnlyList<StoredFile>> RemoveAllOfAsync(FileOwner owner, CancellationToken ct = default)
    {
        var files = await db.StoredFiles.Where(f => f.OwnerType == owner.Type && f.OwnerId == owner.Id).ToListAsync(ct);
        db.StoredFiles.RemoveRange(files);
        return files;
    }

    /// <summary>Deletes the content of files whose rows were removed and saved.</summary>
    public async Task PurgeAsync(IEnumerable<StoredFile> files)
    {
        foreach (var file in files) await PurgeAsync(file);
    }

    /// <summary>Deletes the content from storage. Failures are logged, never thrown: the row is already gone.</summary>
    public async Task PurgeAsync(StoredFile file)
    {
        try { await storage.DeleteAsync(file.StorageKey); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Não foi possível apagar o arquivo {StorageKey} do armazenamento.", file.StorageKey);
        }
    }

    public Task<Stream?> OpenReadAsync(StoredFile file, CancellationToken ct = default) => storage.OpenReadAsync(file.StorageKey, ct);

    /// <summary>platform.md §5.1: path separators and control characters removed, at most 255 characters.</summary>
    public static string SanitizeName(string? name)
    {
        var clean = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Replace('\\', '/');
        clean = clean[(clean.LastIndexOf('/') + 1)..].Trim().TrimStart('.');
        if (clean.Length == 0) clean = "arquivo";
        if (clean.Length > 255)
        {
            var extension = Path.GetExtension(clean);
            clean = extension.Length is > 0 and <= 20 ? clean[..(255 - extension.Length)] + extension : clean[..255];
        }
        return clean;
    }

    private static async Task<byte[]> ReadHeadAsync(UploadSource source, CancellationToken ct)
    {
        var buffer = new byte[FileTypes.HeadLength];
        await using var stream = source.Open();
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return buffer[..read];
    }
}
