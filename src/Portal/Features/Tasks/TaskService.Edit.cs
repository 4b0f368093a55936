using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>
/// The editable fields (tasks.md §6 "Editar", §9 PATCH). <see cref="SectorId"/> only matters when a private task
/// becomes public; other sector changes are transfers. <see cref="FollowerIds"/> null leaves followers unchanged.
/// </summary>
public sealed record TaskEdit(string? Title, string? Description, TaskPriority Priority, DateOnly? DueDate, long? ClientId,
    long? AssigneeId, bool IsPrivate, long? SectorId = null, IReadOnlyList<long>? FollowerIds = null);

public sealed partial class TaskService
{
    /// <summary>The current values as an edit, for forms and for API PATCH to overlay the sent fields on.</summary>
    public async Task<TaskEdit> CurrentEditAsync(TaskItem task, CancellationToken ct = default) =>
        new(task.Title, task.Description, task.Priority, task.DueDate, task.ClientId, task.AssigneeId, task.IsPrivate, task.SectorId,
            await Db.TaskFollowers.Where(f => f.TaskId == task.Id).Select(f => f.UserId).ToListAsync(ct));

    public async Task<TaskResult> UpdateAsync(long id, TaskEdit edit, int expectedVersion, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(id, ct) is not var (task, relation)) return TaskResult.NotFound;
        if (!TaskAccess.CanEdit(v, task, relation)) return TaskResult.Forbidden;
        if (task.Version != expectedVersion) return new TaskResult(TaskOutcome.Stale, task);

        var errors = new FieldErrors();
        var title = Validators.Text(errors, "title", edit.Title, TaskItem.TitleMax);
        var description = await CleanRichTextAsync(errors, "description", edit.Description, TaskItem.DescriptionMax, required: false, ct);
        ValidateDueDate(errors, edit.DueDate);
        if (!Enum.IsDefined(edit.Priority)) errors.Add("priority", Validators.Required);
        if (edit.ClientId is { } clientId && clientId != task.ClientId && !await IsActiveClientAsync(clientId, ct))
            errors.Add("clientId", TaskMessages.InvalidClient);

        // Privacy changes (tasks.md §5): only the creator, only on a root task; public → private needs no other participant.
        var isPrivate = task.ParentId is null ? edit.IsPrivate : task.IsPrivate;
        var sectorId = task.SectorId;
        if (isPrivate != task.IsPrivate)
        {
            if (task.CreatorId != Me) return TaskResult.Forbidden;
            if (isPrivate)
            {
                if (await HasOtherParticipantsAsync(task, ct)) errors.Add("isPrivate", TaskMessages.CannotMakePrivate);
                sectorId = null;
            }
            else if (edit.SectorId is not { } sid) errors.Add("sectorId", Validators.Required);
            else if (await BoardSectorAsync(sid, ct) is null) errors.Add("sectorId", TaskMessages.InvalidSector);
            else if (!TaskAccess.MayUseSector(v, sid)) return TaskResult.Forbidden;
            else sectorId = sid;
        }

        var assigneeId = isPrivate ? task.CreatorId : edit.AssigneeId;
        if (!isPrivate && assigneeId is { } aid && (aid != task.AssigneeId || sectorId != task.SectorId) && sectorId is { } s
            && !errors.ContainsKey("sectorId") && !await IsValidAssigneeAsync(aid, s, task.CreatorId, ct))
            errors.Add("assigneeId", TaskMessages.AssigneeNotMember);

        var followerIds = edit.FollowerIds?.Distinct().ToList();
        if (isPrivate && followerIds is { Count: > 0 }) errors.Add("followerIds", TaskMessages.PrivateHasNoFollowers);
        else if (followerIds is { Count: > 0 })
        {
            // Only newcomers must be active: a follower deactivated since stays listed, and saving the form keeps them.
            var current = await Db.TaskFollowers.Where(f => f.TaskId == task.Id).Select(f => f.UserId).ToListAsync(ct);
            var added = followerIds.Except(current).ToList();
            if (added.Count > 0 && await Db.Users.CountAsync(u => added.Contains(u.Id) && u.IsActive, ct) != added.Count)
                errors.Add("followerIds", TaskMessages.InvalidUser);
        }

        if (!errors.IsValid) return new TaskResult(TaskOutcome.Invalid, task, errors);

        var changed = new List<string>();
        var audit = new List<AuditChange>();
        void Field(string label, string? before, string? after)
        {
            if (before == after) return;
            changed.Add(label);
            History(task, TaskHistoryKind.FieldChanged, label, before, after);
            AuditLog.Diff(audit, label, before, after);
        }

        var previousAssignee = task.AssigneeId;
        Field("Título", task.Title, title);
        if (task.Description != description.Html)
        {
            changed.Add("Descrição");
            History(task, TaskHistoryKind.FieldChanged, "Descrição", null, null); // long text: the fact, not the content
        }
        Field("Prioridade", TaskLabels.Priority(task.Priority), TaskLabels.Priority(edit.Priority));
        Field("Data de entrega", task.DueDate?.ToString("dd/MM/yyyy"), edit.DueDate?.ToString("dd/MM/yyyy"));
        if (task.ClientId != edit.ClientId) Field("Cliente", await ClientLabelAsync(task.ClientId, ct), await ClientLabelAsync(edit.ClientId, ct));
        Field("Somente para mim", task.IsPrivate ? "Sim" : "Não", isPrivate ? "Sim" : "Não");
        Field("Setor", await SectorNameAsync(task.SectorId, ct), await SectorNameAsync(sectorId, ct));
        Field("Responsável", await UserLabelAsync(task.AssigneeId, ct), await UserLabelAsync(assigneeId, ct));

        task.Title = title!;
        task.Description = description.Html;
        task.SearchText = SearchTextOf(task.Title, description.PlainText);
        task.Priority = edit.Priority;
        task.DueDate = edit.DueDate;
        task.ClientId = edit.ClientId;
        task.IsPrivate = isPrivate;
        task.SectorId = sectorId;
        task.AssigneeId = assigneeId;
        if (followerIds is not null) await SetFollowersAsync(task, isPrivate ? [] : followerIds, changed, ct);
        if (changed.Count == 0) return TaskResult.Ok(task);

        deps.Audit.Record("update", "task", task.Id, Label(task), "Tarefa editada.", audit);
        Db.Entry(task).Property(t => t.Version).OriginalValue = expectedVersion;
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            return new TaskResult(TaskOutcome.Stale, await Db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct));
        }

        var snapshot = await SnapshotAsync(task, ct);
        var events = new List<ITaskEvent> { new TaskUpdated(Me, MyName, snapshot, changed) };
        if (task.AssigneeId != previousAssignee && !task.IsPrivate)
            events.Add(new TaskAssigned(Me, MyName, snapshot, previousAssignee, await UserNameAsync(task.AssigneeId, ct)));
        await PublishAsync(events, ct);
        return TaskResult.Ok(task);
    }

    private async Task<bool> HasOtherParticipantsAsync(TaskItem task, CancellationToken ct) =>
        (task.AssigneeId is { } a && a != task.CreatorId) || (task.CompletedById is { } c && c != task.CreatorId)
        || await Db.TaskFollowers.AnyAsync(f => f.TaskId == task.Id && f.UserId != task.CreatorId, ct)
        || await Db.TaskComments.AnyAsync(c => c.TaskId == task.Id && c.AuthorId != task.CreatorId, ct);

    private async Task SetFollowersAsync(TaskItem task, IReadOnlyList<long> wanted, List<string> changed, CancellationToken ct)
    {
        var current = await Db.TaskFollowers.Where(f => f.TaskId == task.Id).ToListAsync(ct);
        foreach (var gone in current.Where(f => !wanted.Contains(f.UserId)))
        {
            Db.TaskFollowers.Remove(gone);
            History(task, TaskHistoryKind.FollowerRemoved, "Acompanhante", await UserLabelAsync(gone.UserId, ct), null);
        }
        foreach (var userId in wanted.Where(w => current.All(f => f.UserId != w)))
        {
            Db.TaskFollowers.Add(new TaskFollower { TaskId = task.Id, UserId = userId, AddedAt = Now, AddedById = Me });
            History(task, TaskHistoryKind.FollowerAdded, "Acompanhante", null, await UserLabelAsync(userId, ct));
        }
        if (current.Count != wanted.Count || current.Any(f => !wanted.Contains(f.UserId))) changed.Add("Acompanhantes");
    }
}
