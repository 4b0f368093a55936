using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Tasks;

/// <summary>The viewer of tasks in this request: who they are, their active sectors and their task permissions.</summary>
public sealed record TaskViewer(long UserId, IReadOnlySet<long> SectorIds, bool Access, bool ViewAll, bool ManageAny, bool CreateOtherSectors)
{
    public bool IsMemberOf(long? sectorId) => sectorId is { } id && SectorIds.Contains(id);

    public static async Task<TaskViewer> LoadAsync(CurrentUser user, CancellationToken ct = default)
    {
        var permissions = await user.GetPermissionsAsync();
        return new TaskViewer(user.Id, await user.GetSectorIdsAsync(ct),
            permissions.Has(Permissions.TasksAccess), permissions.Has(TaskPermissions.ViewAll),
            permissions.Has(TaskPermissions.ManageAny), permissions.Has(TaskPermissions.CreateOtherSectors));
    }
}

public static class TaskPermissions
{
    public const string ViewAll = "tasks.view_all";
    public const string ManageAny = "tasks.manage_any";
    public const string CreateOtherSectors = "tasks.create_other_sectors";
}

/// <summary>What the access policy needs to know about one task besides its own columns.</summary>
public readonly record struct TaskRelation(bool IsFollower, bool IsParticipant);

/// <summary>
/// The one object-level policy of tasks.md §3, used by pages, partials, the file endpoint and the API alike.
/// Private tasks belong to their creator alone: no permission, not even Administrador, reaches them.
/// </summary>
public static class TaskAccess
{
    public static bool CanSee(TaskViewer v, TaskItem t, TaskRelation r) =>
        v.Access && (t.IsPrivate
            ? t.CreatorId == v.UserId
            : v.ViewAll || v.IsMemberOf(t.SectorId) || r.IsParticipant || IsPersonallyInvolved(v, t));

    public static bool CanEdit(TaskViewer v, TaskItem t, TaskRelation r)
    {
        if (!v.Access) return false;
        if (t.IsPrivate) return t.CreatorId == v.UserId;
        if (v.ManageAny) return true;
        return t.Status != TaskItemStatus.Done
            && (t.CreatorId == v.UserId || t.AssigneeId == v.UserId || r.IsFollower || v.IsMemberOf(t.SectorId));
    }

    public static bool CanTransfer(TaskViewer v, TaskItem t, TaskRelation r) =>
        v.Access && !t.IsPrivate && (v.ManageAny || t.CreatorId == v.UserId || t.AssigneeId == v.UserId || r.IsFollower);

    public static bool CanRemoveAttachment(TaskViewer v, TaskItem t, long? uploadedById) =>
        v.Access && (t.IsPrivate
            ? t.CreatorId == v.UserId
            : v.ManageAny || t.CreatorId == v.UserId || uploadedById == v.UserId);

    public static bool CanDelete(TaskViewer v, TaskItem t) =>
        v.Access && (t.CreatorId == v.UserId || (!t.IsPrivate && v.ManageAny));

    public static bool CanDeleteComment(TaskViewer v, TaskItem t) => v.Access && !t.IsPrivate && v.ManageAny;

    public static TransitionActor Actor(TaskViewer v, TaskItem t) =>
        new(t.CreatorId == v.UserId, t.AssigneeId == v.UserId, v.IsMemberOf(t.SectorId), v.ManageAny);

    /// <summary>Sectors the viewer may create tasks in (or transfer to) besides the current one.</summary>
    public static bool MayUseSector(TaskViewer v, long sectorId) => v.IsMemberOf(sectorId) || v.ManageAny || v.CreateOtherSectors;

    private static bool IsPersonallyInvolved(TaskViewer v, TaskItem t) =>
        t.CreatorId == v.UserId || t.AssigneeId == v.UserId || t.CompletedById == v.UserId;

    /// <summary>
    /// The same visibility rule as <see cref="CanSee"/> as a query, for boards, lists, reports and the API. Sector ids
    /// are inlined as constants: a handful of values lets the database use the board index.
    /// </summary>
    public static IQueryable<TaskItem> VisibleTo(this IQueryable<TaskItem> tasks, TaskViewer v)
    {
        var me = v.UserId;
        if (!v.Access) return tasks.Where(t => false);
        if (v.ViewAll) return tasks.Where(t => !t.IsPrivate || t.CreatorId == me);
        var sectors = v.SectorIds.ToList();
        return tasks.Where(t => t.IsPrivate
            ? t.CreatorId == me
            : EF.Constant(sectors).Contains(t.SectorId!.Value)
              || t.CreatorId == me || t.AssigneeId == me || t.CompletedById == me
              || t.Followers.Any(f => f.UserId == me)
              || t.Comments.Any(c => c.AuthorId == me));
    }

    /// <summary>Follower/participant flags of one task for one viewer (two indexed lookups).</summary>
    private static readonly PerModel<Func<PortalDb, long, long, CancellationToken, Task<bool>>> IsFollower = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long taskId, long userId, CancellationToken ct) => ctx.Set<TaskFollower>().Any(f => f.TaskId == taskId && f.UserId == userId)));

    private static readonly PerModel<Func<PortalDb, long, long, CancellationToken, Task<bool>>> HasCommented = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long taskId, long userId, CancellationToken ct) => ctx.Set<TaskComment>().Any(c => c.TaskId == taskId && c.AuthorId == userId)));

    public static async Task<TaskRelation> RelationAsync(PortalDb db, TaskViewer v, TaskItem t, CancellationToken ct = default)
    {
        var me = v.UserId;
        var follower = await IsFollower.For(db)(db, t.Id, me, ct);
        var participant = follower || IsPersonallyInvolved(v, t) || await HasCommented.For(db)(db, t.Id, me, ct);
        return new TaskRelation(follower, participant);
    }
}
