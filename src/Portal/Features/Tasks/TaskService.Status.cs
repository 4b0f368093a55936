using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;

namespace Portal.Features.Tasks;

public sealed partial class TaskService
{
    /// <summary>
    /// Moves a task along the workflow (tasks.md §4). <paramref name="expected"/> is the status the user saw; when it
    /// changed meanwhile the move is refused with the current status (409), so two simultaneous clicks never both apply.
    /// </summary>
    public async Task<TaskResult> ChangeStatusAsync(long id, TaskItemStatus to, TaskItemStatus? expected = null, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (!Enum.IsDefined(to)) return TaskResult.Invalid("status", TaskMessages.InvalidTransition);
        // A concurrent edit of another field bumps the version without touching the status: re-read and try again.
        for (var attempt = 0; ; attempt++)
        {
            Db.ChangeTracker.Clear();
            if (await FindAsync(id, ct) is not var (task, _)) return TaskResult.NotFound;
            expected ??= task.Status;
            if (task.Status != expected) return new TaskResult(TaskOutcome.StatusChanged, task);

            switch (TaskWorkflow.Decide(task.Status, to, task.IsPrivate, TaskAccess.Actor(v, task)))
            {
                case TransitionVerdict.SameStatus: return TaskResult.Ok(task);
                case TransitionVerdict.InvalidTransition: return new TaskResult(TaskOutcome.InvalidTransition, task);
                case TransitionVerdict.Forbidden: return TaskResult.Forbidden;
            }

            var from = task.Status;
            var previousAssignee = task.AssigneeId;
            TaskWorkflow.Apply(task, to, Me, Now);
            History(task, TaskHistoryKind.StatusChanged, "Status", TaskLabels.Status(from), TaskLabels.Status(to));
            if (task.AssigneeId != previousAssignee)
                History(task, TaskHistoryKind.FieldChanged, "Responsável", await UserLabelAsync(previousAssignee, ct), await UserLabelAsync(task.AssigneeId, ct));
            deps.Audit.Record("state_changed", "task", task.Id, Label(task), $"{TaskLabels.Status(from)} → {TaskLabels.Status(to)}",
                [new AuditChange("Status", TaskLabels.Status(from), TaskLabels.Status(to))]);
            try
            {
                await Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                continue;
            }
            catch (Exception e) when (attempt < 3 && DbErrors.IsDeadlock(e))
            {
                // The other move won: the re-read sees its status and answers 409 (StatusChanged).
                continue;
            }

            var snapshot = await SnapshotAsync(task, ct);
            var events = new List<ITaskEvent> { new TaskStatusChanged(Me, MyName, snapshot, from, to, Now) };
            if (task.AssigneeId != previousAssignee && task.AssigneeId is not null && !task.IsPrivate)
                events.Add(new TaskAssigned(Me, MyName, snapshot, previousAssignee, await UserNameAsync(task.AssigneeId, ct)));
            await PublishAsync(events, ct);
            return TaskResult.Ok(task);
        }
    }

    /// <summary>
    /// Moves a root task (and its whole tree) to another sector, optionally choosing the assignee (tasks.md §5).
    /// Assignees who are not members of the target sector are cleared, each recorded in history.
    /// </summary>
    public async Task<TaskResult> TransferAsync(long id, long? sectorId, long? assigneeId, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(id, ct) is not var (task, relation)) return TaskResult.NotFound;
        if (!TaskAccess.CanTransfer(v, task, relation)) return task.IsPrivate && task.CreatorId == Me
            ? TaskResult.Invalid("sectorId", TaskMessages.PrivateNotTransferable) : TaskResult.Forbidden;
        if (task.ParentId is not null) return TaskResult.Invalid("sectorId", TaskMessages.SubtaskNotTransferable);
        var targetId = sectorId ?? task.SectorId!.Value;
        var target = await BoardSectorAsync(targetId, ct);
        if (target is null) return TaskResult.Invalid("sectorId", TaskMessages.InvalidSector);
        if (target.Id != task.SectorId && !TaskAccess.MayUseSector(v, target.Id)) return TaskResult.Forbidden;

        var members = (await Db.SectorMemberships.Where(m => m.SectorId == target.Id && m.User.IsActive)
            .Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
        if (assigneeId is { } chosen && !members.Contains(chosen)) return TaskResult.Invalid("assigneeId", TaskMessages.AssigneeNotMember);
        var newAssignee = assigneeId ?? (task.AssigneeId is { } current && members.Contains(current) ? current : null);
        if (target.Id == task.SectorId && newAssignee == task.AssigneeId) return TaskResult.Ok(task);

        var previousSector = task.SectorId;
        var previousAssignee = task.AssigneeId;
        var previousSectorName = await SectorNameAsync(previousSector, ct);
        if (target.Id != previousSector)
            History(task, TaskHistoryKind.Transferred, "Setor", previousSectorName, target.Name);
        if (newAssignee != previousAssignee)
            History(task, TaskHistoryKind.FieldChanged, "Responsável", await UserLabelAsync(previousAssignee, ct), await UserLabelAsync(newAssignee, ct));
        task.SectorId = target.Id;
        task.AssigneeId = newAssignee;

        var descendants = await Db.Tasks.Where(t => t.RootId == task.Id && t.Id != task.Id).ToListAsync(ct);
        foreach (var child in descendants)
        {
            if (child.SectorId != target.Id) History(child, TaskHistoryKind.Transferred, "Setor", previousSectorName, target.Name);
            child.SectorId = target.Id;
            if (child.AssigneeId is { } a && !members.Contains(a))
            {
                History(child, TaskHistoryKind.FieldChanged, "Responsável", await UserLabelAsync(a, ct), null);
                child.AssigneeId = null;
            }
        }
        deps.Audit.Record("update", "task", task.Id, Label(task), "Tarefa transferida.",
            [new AuditChange("Setor", previousSectorName, target.Name), new AuditChange("Responsável", previousAssignee?.ToString(), newAssignee?.ToString())]);
        await Db.SaveChangesAsync(ct);

        var snapshot = await SnapshotAsync(task, ct);
        var events = new List<ITaskEvent>();
        if (target.Id != previousSector) events.Add(new TaskTransferred(Me, MyName, snapshot, previousSector));
        if (newAssignee != previousAssignee)
            events.Add(new TaskAssigned(Me, MyName, snapshot, previousAssignee, await UserNameAsync(newAssignee, ct)));
        await PublishAsync(events, ct);
        return TaskResult.Ok(task);
    }
}
