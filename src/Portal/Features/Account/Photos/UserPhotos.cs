using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Identity;

namespace Portal.Features.Account.Photos;

public sealed record PhotoResult(string? Error, bool TooLarge)
{
    public static readonly PhotoResult Ok = new(null, false);
    public bool Succeeded => Error is null;
}

/// <summary>
/// A user's uploaded photo (identity.md §2, "logo rules"): one <see cref="StoredFile"/> owned by the user and pointed at
/// by <see cref="User.PhotoFileId"/>. A replaced or removed file leaves storage only after the new state is saved, so a
/// failed save never leaves the user without the photo they had.
/// </summary>
public sealed class UserPhotos(PortalDb db, FileUploads uploads, AuditLog audit)
{
    public const string UseCaseKey = "user-photo";
    public const string OwnerType = "User";
    public const string AuditSummary = "Foto alterada";

    private const long MB = 1024 * 1024;

    public static readonly FileUseCase UseCase = new(UseCaseKey, [FileTypes.Png, FileTypes.Jpeg, FileTypes.Webp], 2 * MB);

    public static FileOwner OwnerOf(long userId) => new(OwnerType, userId);

    /// <summary>Stores the upload as the user's photo and drops the previous one; nothing changes when it is refused.</summary>
    public async Task<PhotoResult> ReplaceAsync(User user, UploadSource source, long actorId, CancellationToken ct = default)
    {
        var stored = await uploads.StoreAsync(UseCaseKey, source, OwnerOf(user.Id), actorId, ct: ct);
        if (!stored.Succeeded) return new PhotoResult(stored.Error, stored.TooLarge);
        var added = stored.File!;
        var previous = await CurrentAsync(user, ct);
        if (previous is not null) uploads.Remove(previous);
        user.PhotoFileId = added.Id;
        Audit(user, previous?.OriginalName, added.OriginalName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await uploads.DiscardAsync(added);
            throw;
        }
        if (previous is not null) await uploads.PurgeAsync(previous);
        return PhotoResult.Ok;
    }

    /// <summary>Clears the photo (the top bar falls back to initials); a user without one is left as is.</summary>
    public async Task RemoveAsync(User user, CancellationToken ct = default)
    {
        if (user.PhotoFileId is null) return;
        var previous = await CurrentAsync(user, ct);
        if (previous is not null) uploads.Remove(previous);
        user.PhotoFileId = null;
        Audit(user, previous?.OriginalName, null);
        await db.SaveChangesAsync(ct);
        if (previous is not null) await uploads.PurgeAsync(previous);
    }

    private Task<StoredFile?> CurrentAsync(User user, CancellationToken ct) =>
        user.PhotoFileId is Guid id
            ? db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id && f.OwnerType == OwnerType && f.OwnerId == user.Id, ct)
            : Task.FromResult<StoredFile?>(null);

    private void Audit(User user, string? before, string? after) =>
        audit.Record("user_updated", "User", user.Id, UserAccounts.Label(user), AuditSummary,
            [new AuditChange("Foto", before ?? "(nenhuma)", after ?? "(nenhuma)")]);
}
