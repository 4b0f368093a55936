using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>A new task as typed in the form or posted to the API (tasks.md §6 "Nova tarefa", §9 POST).</summary>
public sealed record TaskInput(string? Title, string? Description = null, long? SectorId = null, long? AssigneeId = null,
    long? ClientId = null, long? ParentId = null, TaskPriority Priority = TaskPriority.Medium, DateOnly? DueDate = null,
    bool IsPrivate = false, IReadOnlyList<long>? FollowerIds = null);

public sealed partial class TaskService
{
    public async Task<TaskResult> CreateAsync(TaskInput input, IReadOnlyList<UploadSource>? attachments = null, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (!v.Access) return TaskResult.Forbidden;
        var errors = new FieldErrors();

        // Subtasks inherit the parent's sector and privacy (tasks.md §5); the parent must be visible and editable.
        TaskItem? parent = null;
        var isPrivate = input.IsPrivate;
        var sectorId = input.SectorId;
        if (input.ParentId is { } parentId)
        {
            var found = await FindAsync(parentId, ct);
            if (found is null) return TaskResult.Invalid("parentId", TaskMessages.ParentNotFound);
            if (!TaskAccess.CanEdit(v, found.Value.Task, found.Value.Relation)) return TaskResult.Forbidden;
            parent = found.Value.Task;
            if (parent.Depth + 1 >= TaskItem.MaxDepth) errors.Add("parentId", TaskMessages.DepthLimit);
            isPrivate = parent.IsPrivate;
            sectorId = parent.SectorId;
        }

        if (!isPrivate)
        {
            if (sectorId is not { } sid) errors.Add("sectorId", Validators.Required);
            else if (await BoardSectorAsync(sid, ct) is null) errors.Add("sectorId", TaskMessages.InvalidSector);
            else if (parent is null && !TaskAccess.MayUseSector(v, sid)) return TaskResult.Forbidden;
        }

        var title = Validators.Text(errors, "title", input.Title, TaskItem.TitleMax);
        var description = await CleanRichTextAsync(errors, "description", input.Description, TaskItem.DescriptionMax, required: false, ct);
        ValidateDueDate(errors, input.DueDate);
        if (!Enum.IsDefined(input.Priority)) errors.Add("priority", Validators.Required);

        long? assigneeId = isPrivate ? Me : input.AssigneeId;
        if (!isPrivate && assigneeId is { } aid && sectorId is { } s && !errors.ContainsKey("sectorId")
            && !await IsValidAssigneeAsync(aid, s, Me, ct))
            errors.Add("assigneeId", TaskMessages.AssigneeNotMember);

        var followerIds = (input.FollowerIds ?? []).Distinct().ToList();
        if (isPrivate && followerIds.Count > 0) errors.Add("followerIds", TaskMessages.PrivateHasNoFollowers);
        else if (followerIds.Count > 0 && await Db.Users.CountAsync(u => followerIds.Contains(u.Id) && u.IsActive, ct) != followerIds.Count)
            errors.Add("followerIds", TaskMessages.InvalidUser);

        if (input.ClientId is { } clientId && !await IsActiveClientAsync(clientId, ct)) errors.Add("clientId", TaskMessages.InvalidClient);

        attachments ??= [];
        if (UploadAllowance(attachments.Count) is { } refused) return refused;
        var tooLarge = false;
        if (attachments.Count > MaxAttachments) errors.Add("attachments", TaskMessages.AttachmentLimit);
        else
            foreach (var file in attachments)
            {
                var check = await deps.Files.ValidateAsync(AttachmentUseCase, file, ct);
                if (check.Error is null) continue;
                errors.Add("attachments", $"{FileUploads.SanitizeName(file.FileName)}: {check.Error}");
                tooLarge |= check.TooLarge;
            }

        if (!errors.IsValid) return new TaskResult(tooLarge && errors.Count == 1 ? TaskOutcome.TooLarge : TaskOutcome.Invalid, null, errors);

        var task = new TaskItem
        {
            Title = title!, Description = description.Html, Priority = input.Priority, DueDate = input.DueDate,
            IsPrivate = isPrivate, SectorId = isPrivate ? null : sectorId, ParentId = parent?.Id, Depth = parent is null ? 0 : parent.Depth + 1,
            RootId = parent?.RootId, ClientId = input.ClientId, AssigneeId = assigneeId, CreatorId = Me, Status = TaskItemStatus.Pending,
        };
        task.SearchText = SearchTextOf(task.Title, description.PlainText);

        var stored = new List<StoredFile>();
        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        try
        {
            Db.Tasks.Add(task);
            await Db.SaveChangesAsync(ct); // the id names the tree root and owns the files
            task.RootId ??= task.Id;
            History(task, TaskHistoryKind.Created);
            foreach (var userId in followerIds)
                Db.TaskFollowers.Add(new TaskFollower { TaskId = task.Id, UserId = userId, AddedAt = Now, AddedById = Me });
            foreach (var source in attachments)
            {
                var upload = await deps.Files.StoreAsync(AttachmentUseCase, source, new FileOwner(FileOwnerType, task.Id), Me, AttachmentUseCase, ct);
                if (upload.File is null) throw new InvalidOperationException(upload.Error); // validated above; content changed underneath
                stored.Add(upload.File);
                History(task, TaskHistoryKind.AttachmentAdded, "Anexo", null, upload.File.OriginalName);
            }
            deps.Audit.Record("create", "task", task.Id, Label(task), task.IsPrivate ? "Tarefa pessoal criada." : "Tarefa criada.");
            await Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            foreach (var file in stored) await deps.Files.PurgeAsync(file);
            throw;
        }

        var snapshot = await SnapshotAsync(task, ct);
        await PublishAsync([new TaskCreated(Me, MyName, snapshot)], ct);
        return TaskResult.Ok(task) with { Files = stored };
    }
}
