using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Features.Tasks.Pages;

public sealed record PersonRef(long Id, string Name, bool IsActive = true);

public sealed record SectorOption(long Id, string Name);

public sealed record TaskCrumb(long Id, string Title);

public sealed record TaskPeople(string? SectorName, string CreatorName, string? AssigneeName, string? CompletedByName);

public sealed record SubtaskRow(long Id, string Title, TaskItemStatus Status, TaskPriority Priority, DateOnly? DueDate, string? AssigneeName);

public sealed record SubtaskProgress(int Total, int Done)
{
    public int Open => Total - Done;
    public int? Percent => TaskItem.Progress(Total, Done);
}

public sealed record AttachmentRow(Guid Id, string Name, string ContentType, long Size, long? UploadedById, string? UploadedByName, DateTime UploadedAt);

public sealed record CommentRow(long Id, long AuthorId, string AuthorName, string? Body, DateTime CreatedAt, string? DeletedByName, bool Deleted);

public sealed record HistoryRow(long Id, DateTime At, string? ByName, TaskHistoryKind Kind, string? Field, string? OldValue, string? NewValue);

/// <summary>Conversation summary for one viewer: comments by others after their last read are unread.</summary>
public sealed record ConversationSummary(int Total, int Unread, DateTime? LastReadAt);

/// <summary>
/// Read side of the task detail and form screens: small projections, one query each, no tracking. Related rows
/// (ancestors, children) go through <see cref="TaskAccess.VisibleTo"/> so a breadcrumb never leaks a title.
/// </summary>
public static class TaskDetailQuery
{
    public static Task<TaskPeople> PeopleAsync(PortalDb db, long taskId, CancellationToken ct = default) =>
        db.Tasks.AsNoTracking().Where(t => t.Id == taskId)
            .Select(t => new TaskPeople(t.Sector!.Name, t.Creator.FullName, t.Assignee!.FullName, t.CompletedBy!.FullName))
            .FirstAsync(ct);

    /// <summary>Visible ancestors, root first (one query over the tree).</summary>
    public static async Task<List<TaskCrumb>> AncestorsAsync(PortalDb db, TaskViewer viewer, TaskItem task, CancellationToken ct = default)
    {
        if (task.ParentId is null) return [];
        var tree = await db.Tasks.AsNoTracking().VisibleTo(viewer)
            .Where(t => t.RootId == task.RootId && t.Depth < task.Depth)
            .Select(t => new { t.Id, t.ParentId, t.Title }).ToDictionaryAsync(t => t.Id, ct);
        var chain = new List<TaskCrumb>();
        for (var id = task.ParentId; id is { } current && tree.TryGetValue(current, out var node); id = node.ParentId)
            chain.Insert(0, new TaskCrumb(node.Id, node.Title));
        return chain;
    }

    public static Task<List<SubtaskRow>> ChildrenAsync(PortalDb db, TaskViewer viewer, long taskId, CancellationToken ct = default) =>
        db.Tasks.AsNoTracking().VisibleTo(viewer).Where(t => t.ParentId == taskId)
            .OrderBy(t => t.Status == TaskItemStatus.Done).ThenByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(t => new SubtaskRow(t.Id, t.Title, t.Status, t.Priority, t.DueDate, t.Assignee!.FullName))
            .ToListAsync(ct);

    public static async Task<SubtaskProgress> ProgressAsync(PortalDb db, long taskId, CancellationToken ct = default)
    {
        var counts = await db.Tasks.Where(t => t.ParentId == taskId).GroupBy(t => t.Status == TaskItemStatus.Done)
            .Select(g => new { Done = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new SubtaskProgress(counts.Sum(c => c.Count), counts.Where(c => c.Done).Sum(c => c.Count));
    }

    public static Task<List<AttachmentRow>> AttachmentsAsync(PortalDb db, long taskId, CancellationToken ct = default) =>
        (from f in db.StoredFiles.AsNoTracking()
         where f.OwnerType == TaskService.FileOwnerType && f.OwnerId == taskId
         join u in db.Users on f.UploadedById equals u.Id into uploader
         from u in uploader.DefaultIfEmpty()
         orderby f.UploadedAt, f.OriginalName
         select new AttachmentRow(f.Id, f.OriginalName, f.ContentType, f.SizeBytes, f.UploadedById, u == null ? null : u.FullName, f.UploadedAt))
        .ToListAsync(ct);

    public static Task<List<PersonRef>> FollowersAsync(PortalDb db, long taskId, CancellationToken ct = default) =>
        db.TaskFollowers.AsNoTracking().Where(f => f.TaskId == taskId).OrderBy(f => f.User.FullName)
            .Select(f => new PersonRef(f.UserId, f.User.FullName, f.User.IsActive)).ToListAsync(ct);

    private static readonly PerModel<Func<PortalDb, long, long, CancellationToken, Task<DateTime?>>> LastRead = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long taskId, long viewerId, CancellationToken ct) =>
            ctx.Set<TaskReadState>().Where(r => r.TaskId == taskId && r.UserId == viewerId).Select(r => (DateTime?)r.LastReadAt).FirstOrDefault()));

    public static Task<DateTime?> LastReadAsync(PortalDb db, long taskId, long viewerId, CancellationToken ct = default) =>
        LastRead.For(db)(db, taskId, viewerId, ct);

    /// <summary>Live comments, and those by others after the viewer's last read (unread).</summary>
    public static ConversationSummary Summarize(IReadOnlyList<CommentRow> thread, long viewerId, DateTime? lastRead) => new(
        thread.Count(c => !c.Deleted),
        thread.Count(c => !c.Deleted && c.AuthorId != viewerId && (lastRead is null || c.CreatedAt > lastRead)),
        lastRead);

    /// <summary>The whole thread, oldest first (newest last, as a conversation reads).</summary>
    public static Task<List<CommentRow>> CommentsAsync(PortalDb db, long taskId, CancellationToken ct = default) =>
        db.TaskComments.AsNoTracking().Where(c => c.TaskId == taskId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentRow(c.Id, c.AuthorId, c.Author.FullName, c.Body, c.CreatedAt, c.DeletedAt == null ? null : c.DeletedBy!.FullName, c.DeletedAt != null))
            .ToListAsync(ct);

    public static Task<List<HistoryRow>> HistoryAsync(PortalDb db, long taskId, CancellationToken ct = default) =>
        db.TaskHistory.AsNoTracking().Where(h => h.TaskId == taskId).OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new HistoryRow(h.Id, h.At, h.By!.FullName, h.Kind, h.Field, h.OldValue, h.NewValue))
            .ToListAsync(ct);
}

/// <summary>What the detail shows alike to everyone who may open the task; cached under the task stamp (ADR-008).</summary>
public sealed record TaskDetailShared(TaskPeople People, SubtaskProgress Progress, TaskDeletePreview DeletePreview,
    IReadOnlyList<HistoryRow> History, string? ClientLabel, IReadOnlyList<AttachmentRow> Attachments,
    IReadOnlyList<PersonRef> Followers, IReadOnlyList<CommentRow> Comments);

/// <summary>The breadcrumb and subtasks one viewer may see.</summary>
public sealed record TaskDetailTree(IReadOnlyList<TaskCrumb> Ancestors, IReadOnlyList<SubtaskRow> Children);

/// <summary>Choices offered by the task forms and the transfer form (tasks.md §3, §5, §6).</summary>
public static class TaskChoices
{
    /// <summary>Tables behind the people and sector choices; the detail page caches its lists under their stamp.</summary>
    public static readonly ChangeGroup Tables = new("people", ["Users", "SectorMemberships", "Sectors"]);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Active sectors with a board the viewer may create in (or transfer to), plus <paramref name="alsoId"/>.</summary>
    public static Task<List<SectorOption>> UsableSectorsAsync(PortalDb db, TaskViewer viewer, long? alsoId = null, CancellationToken ct = default)
    {
        var all = viewer.ManageAny || viewer.CreateOtherSectors;
        var mine = viewer.SectorIds.ToList();
        return db.Sectors.AsNoTracking().Where(s => s.IsActive && s.HasTaskBoard && (all || mine.Contains(s.Id) || s.Id == alsoId))
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Name).Select(s => new SectorOption(s.Id, s.Name)).ToListAsync(ct);
    }

    /// <summary>Active members of the sector plus <paramref name="extraIds"/> (the creator, the current assignee).</summary>
    public static Task<List<PersonRef>> MembersAsync(PortalDb db, long sectorId, IReadOnlyCollection<long> extraIds, CancellationToken ct = default) =>
        db.Users.AsNoTracking()
            .Where(u => (u.IsActive && u.Sectors.Any(m => m.SectorId == sectorId)) || extraIds.Contains(u.Id))
            .OrderBy(u => u.FullName).Select(u => new PersonRef(u.Id, u.FullName, u.IsActive)).ToListAsync(ct);

    /// <summary>Active users plus the ones already chosen (an inactive follower stays listed so saving keeps them).</summary>
    public static Task<List<PersonRef>> PeopleAsync(PortalDb db, IReadOnlyCollection<long> keepIds, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.IsActive || keepIds.Contains(u.Id))
            .OrderBy(u => u.FullName).Select(u => new PersonRef(u.Id, u.FullName, u.IsActive)).ToListAsync(ct);
}
