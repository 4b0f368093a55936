using Microsoft.EntityFrameworkCore;
using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

public sealed partial class TaskService
{
    public async Task<TaskResult> AddFollowerAsync(long taskId, long userId, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(taskId, ct) is not var (task, relation)) return TaskResult.NotFound;
        if (!TaskAccess.CanEdit(v, task, relation)) return TaskResult.Forbidden;
        if (task.IsPrivate) return TaskResult.Invalid("userId", TaskMessages.PrivateHasNoFollowers);
        if (!await Db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct)) return TaskResult.Invalid("userId", TaskMessages.InvalidUser);
        if (await Db.TaskFollowers.AnyAsync(f => f.TaskId == task.Id && f.UserId == userId, ct)) return TaskResult.Ok(task);

        Db.TaskFollowers.Add(new TaskFollower { TaskId = task.Id, UserId = userId, AddedAt = Now, AddedById = Me });
        History(task, TaskHistoryKind.FollowerAdded, "Acompanhante", null, await UserLabelAsync(userId, ct));
        await Db.SaveChangesAsync(ct);
        return TaskResult.Ok(task);
    }

    /// <summary>Editors may remove anyone; a user may always stop following.</summary>
    public async Task<TaskResult> RemoveFollowerAsync(long taskId, long userId, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(taskId, ct) is not var (task, relation)) return TaskResult.NotFound;
        if (userId != Me && !TaskAccess.CanEdit(v, task, relation)) return TaskResult.Forbidden;
        var follower = await Db.TaskFollowers.FirstOrDefaultAsync(f => f.TaskId == task.Id && f.UserId == userId, ct);
        if (follower is null) return TaskResult.Ok(task);

        Db.TaskFollowers.Remove(follower);
        History(task, TaskHistoryKind.FollowerRemoved, "Acompanhante", await UserLabelAsync(userId, ct), null);
        await Db.SaveChangesAsync(ct);
        return TaskResult.Ok(task);
    }

    public async Task<TaskResult> AddAttachmentsAsync(long taskId, IReadOnlyList<UploadSource> sources, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(taskId, ct) is not var (task, relation)) return TaskResult.NotFound;
        if (!TaskAccess.CanEdit(v, task, relation)) return TaskResult.Forbidden;
        if (sources.Count == 0) return TaskResult.Invalid("file", Validators.Required);
        if (UploadAllowance(sources.Count) is { } refused) return refused;
        var existing = await Db.StoredFiles.CountAsync(f => f.OwnerType == FileOwnerType && f.OwnerId == task.Id, ct);
        if (existing + sources.Count > MaxAttachments) return TaskResult.Invalid("file", TaskMessages.AttachmentLimit);

        var stored = new List<StoredFile>();
        foreach (var source in sources)
        {
            var upload = await deps.Files.StoreAsync(AttachmentUseCase, source, new FileOwner(FileOwnerType, task.Id), Me, AttachmentUseCase, ct);
            if (upload.File is null)
            {
                foreach (var file in stored) await deps.Files.DiscardAsync(file);
                // The earlier files' history and audit rows are staged too: a later save in this scope must not keep them.
                Db.ChangeTracker.Clear();
                var errors = new FieldErrors();
                errors.Add("file", upload.Error!);
                return new TaskResult(upload.TooLarge ? TaskOutcome.TooLarge : TaskOutcome.Invalid, task, errors);
            }
            stored.Add(upload.File);
            History(task, TaskHistoryKind.AttachmentAdded, "Anexo", null, upload.File.OriginalName);
            deps.Audit.Record("file_uploaded", "task", task.Id, Label(task), upload.File.OriginalName);
        }
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var file in stored) await deps.Files.PurgeAsync(file);
            throw;
        }
        return TaskResult.Ok(task) with { Files = stored };
    }

    public async Task<TaskResult> RemoveAttachmentAsync(long taskId, Guid fileId, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(taskId, ct) is not var (task, _)) return TaskResult.NotFound;
        var file = await Db.StoredFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.OwnerType == FileOwnerType && f.OwnerId == task.Id, ct);
        if (file is null) return TaskResult.NotFound;
        if (!TaskAccess.CanRemoveAttachment(v, task, file.UploadedById)) return TaskResult.Forbidden;

        deps.Files.Remove(file);
        History(task, TaskHistoryKind.AttachmentRemoved, "Anexo", file.OriginalName, null);
        deps.Audit.Record("file_deleted", "task", task.Id, Label(task), file.OriginalName);
        await Db.SaveChangesAsync(ct);
        await deps.Files.PurgeAsync(file);
        return TaskResult.Ok(task) with { Files = [file] };
    }

    /// <summary>The file-endpoint read rule: a task attachment is readable by whoever can see the task.</summary>
    public async Task<bool> CanReadAttachmentAsync(long taskId, CancellationToken ct = default) => await FindAsync(taskId, ct) is not null;
}
