using Microsoft.EntityFrameworkCore;
using Portal.Platform.Api;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Tasks;

/// <summary>
/// The read side of /api/v1/tasks: response shapes built from the database. Callers decide visibility first
/// (<see cref="TaskService.FindAsync"/> for one task, <see cref="TaskAccess.VisibleTo"/> for lists); nothing here
/// checks it again.
/// </summary>
public sealed class TaskApiReads(PortalDb db, IClientDirectory clients)
{
    public const string BasePath = ApiModule.Prefix + "/tasks";

    public static string AttachmentUrl(long taskId, Guid fileId) => $"{BasePath}/{taskId}/attachments/{fileId}";

    /// <summary>
    /// One page of summaries in one query (names, counts and flags as correlated subqueries), plus one batch lookup
    /// of the page's clients. Order: priority (High first), due date (none last), then id — the board's card order.
    /// </summary>
    public async Task<PagedResult<TaskSummaryResponse>> PageAsync(IQueryable<TaskItem> visible, PageRequest paging, CancellationToken ct)
    {
        var total = await visible.CountAsync(ct);
        var rows = await visible.AsNoTracking()
            .OrderByDescending(t => t.Priority).ThenBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(t => new
            {
                t.Id, t.Title, t.Status, t.Priority, t.DueDate, t.IsPrivate, t.SectorId,
                SectorName = t.Sector == null ? null : t.Sector.Name,
                t.ParentId, t.ClientId, t.CreatorId, CreatorName = t.Creator.FullName,
                t.AssigneeId, AssigneeName = t.Assignee == null ? null : t.Assignee.FullName,
                t.CompletedAt, t.CreatedAt, t.UpdatedAt,
                HasChildren = t.Children.Any(),
                CommentCount = t.Comments.Count(c => c.DeletedAt == null),
                AttachmentCount = db.StoredFiles.Count(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == t.Id),
                t.Version,
            })
            .ToListAsync(ct);
        var clientRefs = await ClientsAsync(rows.Select(r => r.ClientId), ct);
        var items = rows.Select(r => new TaskSummaryResponse(r.Id, r.Title, r.Status, r.Priority, r.DueDate, r.IsPrivate,
            r.SectorId is { } s ? new TaskSectorRef(s, r.SectorName ?? "") : null, r.ParentId, ClientOf(clientRefs, r.ClientId),
            new TaskPersonRef(r.CreatorId, r.CreatorName), r.AssigneeId is { } a ? new TaskPersonRef(a, r.AssigneeName ?? "") : null,
            r.CompletedAt, r.CreatedAt, r.UpdatedAt, r.HasChildren, r.CommentCount, r.AttachmentCount, r.Version)).ToList();
        return new PagedResult<TaskSummaryResponse>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>The full shape of one (already visible) task.</summary>
    public async Task<TaskResponse?> DetailAsync(long id, CancellationToken ct)
    {
        var t = await db.Tasks.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                Task = x,
                SectorName = x.Sector == null ? null : x.Sector.Name,
                CreatorName = x.Creator.FullName,
                AssigneeName = x.Assignee == null ? null : x.Assignee.FullName,
                CompletedByName = x.CompletedBy == null ? null : x.CompletedBy.FullName,
                Children = x.Children.Count,
                ChildrenDone = x.Children.Count(c => c.Status == TaskItemStatus.Done),
            })
            .FirstOrDefaultAsync(ct);
        if (t is null) return null;
        var task = t.Task;
        var clientRefs = await ClientsAsync([task.ClientId], ct);
        return new TaskResponse(task.Id, task.Title, task.Description, task.Status, task.Priority, task.DueDate, task.IsPrivate,
            task.SectorId is { } s ? new TaskSectorRef(s, t.SectorName ?? "") : null, task.ParentId, ClientOf(clientRefs, task.ClientId),
            new TaskPersonRef(task.CreatorId, t.CreatorName),
            task.AssigneeId is { } a ? new TaskPersonRef(a, t.AssigneeName ?? "") : null,
            task.StartedAt, task.CompletedAt,
            task.CompletedById is { } c ? new TaskPersonRef(c, t.CompletedByName ?? "") : null,
            await FollowersAsync(id, ct), await AttachmentsAsync(id, ct),
            t.Children > 0, TaskItem.Progress(t.Children, t.ChildrenDone),
            task.CreatedAt, task.UpdatedAt, task.Version);
    }

    public Task<List<TaskFollowerResponse>> FollowersAsync(long taskId, CancellationToken ct) =>
        db.TaskFollowers.AsNoTracking().Where(f => f.TaskId == taskId)
            .OrderBy(f => f.User.FullName).ThenBy(f => f.UserId)
            .Select(f => new TaskFollowerResponse(f.UserId, f.User.FullName, f.User.Username))
            .ToListAsync(ct);

    public async Task<List<TaskAttachmentResponse>> AttachmentsAsync(long taskId, CancellationToken ct)
    {
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == taskId)
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.OriginalName)
            .Select(f => new { f.Id, f.OriginalName, f.ContentType, f.SizeBytes })
            .ToListAsync(ct);
        return files.Select(f => new TaskAttachmentResponse(f.Id, f.OriginalName, f.ContentType, f.SizeBytes, AttachmentUrl(taskId, f.Id))).ToList();
    }

    public async Task<List<TaskHistoryResponse>> HistoryAsync(long taskId, CancellationToken ct)
    {
        var rows = await db.TaskHistory.AsNoTracking().Where(h => h.TaskId == taskId)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new { h.At, h.ById, ByName = h.By == null ? null : h.By.FullName, h.Kind, h.Field, h.OldValue, h.NewValue })
            .ToListAsync(ct);
        return rows.Select(h => new TaskHistoryResponse(h.At, h.ById is { } b ? new TaskPersonRef(b, h.ByName ?? "") : null,
            h.Kind.ToString(), h.Field, h.OldValue, h.NewValue)).ToList();
    }

    public async Task<List<TaskCommentResponse>> CommentsAsync(long taskId, long? commentId, CancellationToken ct)
    {
        var rows = await db.TaskComments.AsNoTracking().Where(c => c.TaskId == taskId && (commentId == null || c.Id == commentId))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.AuthorId, AuthorName = c.Author.FullName, c.Body, c.CreatedAt, c.DeletedAt, c.DeletedById,
                DeletedByName = c.DeletedBy == null ? null : c.DeletedBy.FullName,
            })
            .ToListAsync(ct);
        return rows.Select(c => new TaskCommentResponse(c.Id, new TaskPersonRef(c.AuthorId, c.AuthorName), c.Body, c.CreatedAt, c.DeletedAt,
            c.DeletedById is { } d ? new TaskPersonRef(d, c.DeletedByName ?? "") : null)).ToList();
    }

    private async Task<IReadOnlyDictionary<long, ClientRef>> ClientsAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        return wanted.Count == 0 ? new Dictionary<long, ClientRef>() : await clients.GetAsync(wanted, ct);
    }

    /// <summary>A client the directory no longer knows still shows its id (the link is kept, tasks.md §2).</summary>
    private static TaskClientRef? ClientOf(IReadOnlyDictionary<long, ClientRef> clients, long? id) =>
        id is not { } clientId ? null
        : clients.TryGetValue(clientId, out var c) ? new TaskClientRef(c.Id, c.Code, c.Name)
        : new TaskClientRef(clientId, "", "");
}
