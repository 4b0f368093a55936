using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.Realtime;

namespace Portal.Features.Tasks;

/// <summary>
/// Task events on the real-time stream (tasks.md §8): <c>{taskId, sectorId, status, version}</c>, only to the users
/// who can see the task — boards refresh themselves from it, so the payload carries no title or other content.
/// </summary>
public sealed class TaskRealtimeEvents(PortalDb db, RealtimePublisher realtime) : IDomainEventHandler<ITaskEvent>
{
    private static readonly HashSet<string> StreamTypes =
        ["task.created", "task.updated", "task.status_changed", "task.transferred", "task.deleted", "task.comment_created"];

    public async Task HandleAsync(ITaskEvent domainEvent, CancellationToken ct)
    {
        if (!StreamTypes.Contains(domainEvent.Type)) return;
        // Published even when nobody may see the task: the other instances' task caches learn of the change from it.
        var audience = await TaskAudience.ForAsync(db, domainEvent, ct);
        var t = domainEvent.Task;
        var json = JsonSerializer.Serialize(new { taskId = t.TaskId, sectorId = t.SectorId, status = t.Status.ToString(), version = t.Version });
        await realtime.PublishAsync(new RealtimeMessage(domainEvent.Type, json, audience), ct);
    }
}

/// <summary>
/// Who may see a task, computed the other way round from <see cref="TaskAccess.CanSee"/>: one set query over the
/// users instead of the policy per user. Transfers reach the old sector too (the card must leave its board); a deleted
/// task reaches those its snapshot names, since its comments and completer are gone.
/// </summary>
public static class TaskAudience
{
    public static async Task<IReadOnlyList<long>> ForAsync(PortalDb db, ITaskEvent e, CancellationToken ct = default)
    {
        var t = e.Task;
        if (t.IsPrivate)
        {
            return await PermissionHolders.Of(db, Permissions.TasksAccess).Where(id => id == t.CreatorId).ToListAsync(ct);
        }

        var sectors = new List<long>();
        if (t.SectorId is { } sector) sectors.Add(sector);
        if (e is TaskTransferred { PreviousSectorId: { } previous }) sectors.Add(previous);
        var people = new HashSet<long>(t.FollowerIds) { t.CreatorId };
        if (t.AssigneeId is { } assignee) people.Add(assignee);
        if (e is TaskCommentCreated comment) people.UnionWith(comment.ParticipantIds);
        var peopleIds = people.ToList();
        var taskId = t.TaskId;
        var live = e is not TaskDeleted;

        var viewAll = PermissionHolders.Of(db, TaskPermissions.ViewAll);
        // C# 14 extension members cannot appear inside expression trees: take the sets first.
        var comments = db.TaskComments;
        var tasks = db.Tasks;
        return await PermissionHolders.Of(db, Permissions.TasksAccess)
            .Where(id => peopleIds.Contains(id)
                || db.SectorMemberships.Any(m => m.UserId == id && m.Sector.IsActive && sectors.Contains(m.SectorId))
                || (live && comments.Any(c => c.TaskId == taskId && c.AuthorId == id))
                || (live && tasks.Any(x => x.Id == taskId && x.CompletedById == id))
                || viewAll.Contains(id))
            .ToListAsync(ct);
    }
}
