namespace Portal.Platform.Files;

/// <summary>
/// Images inside rich text are readable by every signed-in user (ADR-006): they are addressed by a random GUID that
/// only appears in content the reader was already allowed to see, and the same image may be quoted in several records.
/// </summary>
public sealed class EditorImageReadAccess : IFileReadAccess
{
    /// <summary>Owner of editor images: the uploading user (<see cref="StoredFile.OwnerId"/> = user id).</summary>
    public const string Type = "EditorImage";

    public static FileOwner OwnerFor(long userId) => new(Type, userId);

    public string OwnerType => Type;

    public Task<bool> CanReadAsync(StoredFile file, long userId, CancellationToken ct) => Task.FromResult(userId > 0);
}
