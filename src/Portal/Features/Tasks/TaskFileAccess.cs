using Portal.Platform.Files;

namespace Portal.Features.Tasks;

/// <summary>Task attachments are readable by whoever can see the task (tasks.md §3, PLT-06); otherwise 404.</summary>
public sealed class TaskFileAccess(TaskService tasks) : IFileReadAccess
{
    public string OwnerType => TaskService.FileOwnerType;

    // The endpoint passes the signed-in user, who is also the service's viewer.
    public Task<bool> CanReadAsync(StoredFile file, long userId, CancellationToken ct) => tasks.CanReadAttachmentAsync(file.OwnerId, ct);
}
