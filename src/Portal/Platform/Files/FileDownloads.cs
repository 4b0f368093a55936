using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Files;

/// <summary>
/// Resolves a file id to a file the user may read: the row, then its owner's <see cref="IFileReadAccess"/>. Anything
/// else — unknown id, owner type without a rule, rule says no, content missing — is the same 404, so ids of files a
/// user cannot see are not confirmed to exist (platform.md §5.2, PLT-06).
/// </summary>
public sealed class FileDownloads(PortalDb db, FileUploads files, IEnumerable<IFileReadAccess> rules, ILogger<FileDownloads> logger)
{
    public async Task<StoredFile?> FindReadableAsync(Guid id, long userId, CancellationToken ct = default)
    {
        if (userId <= 0) return null;
        var file = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null) return null;
        var rule = rules.LastOrDefault(r => r.OwnerType == file.OwnerType);
        return rule is not null && await rule.CanReadAsync(file, userId, ct) ? file : null;
    }

    /// <summary>The download response of <see cref="FileResponses"/>, or 404.</summary>
    public async Task<IResult> ServeAsync(HttpContext http, Guid id, long userId, bool inline, CancellationToken ct = default)
    {
        var file = await FindReadableAsync(id, userId, ct);
        if (file is null) return Results.NotFound();
        var content = await files.OpenReadAsync(file, ct);
        if (content is null)
        {
            logger.LogWarning("Arquivo {FileId} sem conteúdo no armazenamento ({StorageKey}).", file.Id, file.StorageKey);
            return Results.NotFound();
        }
        return FileResponses.Serve(http, file, content, inline);
    }
}
