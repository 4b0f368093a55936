using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Contracts;
using Portal.Platform.Events;
using Portal.Platform.Files;
using Portal.Platform.RichText;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>Everything a task operation needs, injected once for the operation classes of this folder.</summary>
public sealed class TaskDependencies(PortalDb db, CurrentUser user, AuditLog audit, IDomainEvents events, FileUploads files,
    RichText richText, IClientDirectory clients, TimeProvider clock, UploadRateLimiter uploadLimiter, TaskReadCache cache)
{
    public TaskReadCache Cache => cache;
    public PortalDb Db => db;
    public CurrentUser User => user;
    public AuditLog Audit => audit;
    public IDomainEvents Events => events;
    public FileUploads Files => files;
    public RichText RichText => richText;
    public IClientDirectory Clients => clients;
    public TimeProvider Clock => clock;
    public UploadRateLimiter UploadLimiter => uploadLimiter;
}

/// <summary>
/// Shared plumbing of the task operations: the request's viewer, loading a task through the access policy, history
/// rows, display labels and event snapshots. Operations live in <see cref="TaskService"/> (partial, one file per area).
/// </summary>
public sealed partial class TaskService(TaskDependencies deps)
{
    public const string FileOwnerType = "task";
    public const string AttachmentUseCase = "task-attachment";
    public const int MaxAttachments = 20;

    private static readonly DateOnly MinDue = new(2000, 1, 1);
    private static readonly DateOnly MaxDue = new(2100, 12, 31);

    private TaskViewer? _viewer;
    private PortalDb Db => deps.Db;
    private DateTime Now => deps.Clock.GetUtcNow().UtcDateTime;
    private long Me => deps.User.Id;
    private string MyName => deps.User.Name;

    /// <summary>The client registry as the task screens see it (labels, the picker, whether clients exist at all).</summary>
    public IClientDirectory Clients => deps.Clients;

    public async Task<TaskViewer> ViewerAsync(CancellationToken ct = default) =>
        _viewer ??= await TaskViewer.LoadAsync(deps.User, ct);

    // Compiled: every task page, partial and API call starts here.
    private static readonly PerModel<Func<PortalDb, long, CancellationToken, Task<TaskItem?>>> ById = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long id, CancellationToken ct) => ctx.Set<TaskItem>().FirstOrDefault(t => t.Id == id)));

    private static readonly PerModel<Func<PortalDb, long, CancellationToken, Task<TaskItem?>>> ByIdUntracked = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long id, CancellationToken ct) => ctx.Set<TaskItem>().AsNoTracking().FirstOrDefault(t => t.Id == id)));

    private sealed record CachedTask(TaskItem? Task);

    /// <summary>A tracked task the viewer can see, with their relation to it; null when absent or invisible (404).</summary>
    public Task<(TaskItem Task, TaskRelation Relation)?> FindAsync(long id, CancellationToken ct = default) => FindAsync(id, tracked: true, ct);

    /// <summary>
    /// The same check for pages that only show the task: an untracked copy shared through the task read cache, so it
    /// must never be modified (changes go through <see cref="FindAsync(long, CancellationToken)"/>).
    /// </summary>
    public Task<(TaskItem Task, TaskRelation Relation)?> FindToShowAsync(long id, CancellationToken ct = default) => FindAsync(id, tracked: false, ct);

    private async Task<(TaskItem Task, TaskRelation Relation)?> FindAsync(long id, bool tracked, CancellationToken ct)
    {
        var v = await ViewerAsync(ct);
        if (!v.Access) return null;
        var task = tracked ? await ById.For(Db)(Db, id, ct)
            : (await deps.Cache.GetOrCreateAsync(deps.Cache.Stamped($"task:{id}"), async () => new CachedTask(await ByIdUntracked.For(Db)(Db, id, ct)))).Task;
        if (task is null) return null;
        // Follower and participant rows are in the task stamp's tables, and the task itself was just read.
        var relation = await deps.Cache.GetOrCreateAsync(deps.Cache.Stamped($"relation:{v.UserId}:{id}:{task.Version}"),
            () => TaskAccess.RelationAsync(Db, v, task, ct));
        return TaskAccess.CanSee(v, task, relation) ? (task, relation) : null;
    }

    private void History(TaskItem task, TaskHistoryKind kind, string? field = null, string? oldValue = null, string? newValue = null) =>
        Db.TaskHistory.Add(new TaskHistory
        {
            TaskId = task.Id, At = Now, ById = Me, Kind = kind, Field = field,
            OldValue = Clip(oldValue), NewValue = Clip(newValue),
        });

    private static string? Clip(string? value) => value is null || value.Length <= TaskHistory.ValueMax ? value : value[..(TaskHistory.ValueMax - 1)] + "…";

    /// <summary>History and audit name people "Nome (#id)": readable now, traceable after a rename.</summary>
    private async Task<string?> UserLabelAsync(long? userId, CancellationToken ct) =>
        userId is not { } id ? null : $"{await UserNameAsync(id, ct)} (#{id})";

    private async Task<string?> UserNameAsync(long? userId, CancellationToken ct) =>
        userId is not { } id ? null : await Db.Users.Where(u => u.Id == id).Select(u => u.FullName).FirstOrDefaultAsync(ct);

    private async Task<string?> ClientLabelAsync(long? clientId, CancellationToken ct) =>
        clientId is not { } id ? null
        : (await deps.Clients.GetAsync([id], ct)).TryGetValue(id, out var c) ? $"{c.Code} – {c.Name}" : $"#{id}";

    private async Task<string?> SectorNameAsync(long? sectorId, CancellationToken ct) =>
        sectorId is not { } id ? null : await Db.Sectors.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);

    private async Task<TaskSnapshot> SnapshotAsync(TaskItem task, CancellationToken ct)
    {
        var followers = await Db.TaskFollowers.Where(f => f.TaskId == task.Id).Select(f => f.UserId).ToListAsync(ct);
        return TaskSnapshot.Of(task, await SectorNameAsync(task.SectorId, ct), followers);
    }

    private async Task PublishAsync(IEnumerable<ITaskEvent> events, CancellationToken ct)
    {
        foreach (var e in events) await deps.Events.PublishAsync(e, ct);
    }

    /// <summary>
    /// platform.md §5.2: every file counts against the user's uploads per minute before it is validated, so refused
    /// files count too. Null when all may go on; otherwise the refusal, and nothing of the operation is saved.
    /// </summary>
    private TaskResult? UploadAllowance(int files)
    {
        for (var i = 0; i < files; i++)
            if (!deps.UploadLimiter.TryAcquire(Me, out var retryAfter)) return TaskResult.RateLimited(retryAfter);
        return null;
    }

    private static void ValidateDueDate(FieldErrors errors, DateOnly? due)
    {
        if (due is { } d && (d < MinDue || d > MaxDue)) errors.Add("dueDate", TaskMessages.DueDateRange);
    }

    /// <summary>Sanitizes rich text and checks its plain-text length (platform.md §4).</summary>
    private async Task<RichTextResult> CleanRichTextAsync(FieldErrors errors, string field, string? html, int max, bool required, CancellationToken ct)
    {
        var clean = await deps.RichText.CleanAsync(html, Me, ct);
        if (clean.Html is null)
        {
            if (required) errors.Add(field, field == "body" ? TaskMessages.CommentRequired : Validators.Required);
        }
        else if (clean.PlainText.Length > max) errors.Add(field, Validators.MaxLength(max));
        return clean;
    }

    /// <summary>Upper-case, accent-free title and plain description: the accent-insensitive text filter.</summary>
    private static string SearchTextOf(string title, string plainDescription) => TextNormalizer.Key(title + " " + plainDescription);

    /// <summary>Assignee rule of tasks.md §2: an active member of the sector, or the creator.</summary>
    private async Task<bool> IsValidAssigneeAsync(long assigneeId, long sectorId, long creatorId, CancellationToken ct) =>
        await Db.Users.AnyAsync(u => u.Id == assigneeId && u.IsActive
            && (u.Id == creatorId || u.Sectors.Any(m => m.SectorId == sectorId)), ct);

    private Task<bool> IsActiveMemberAsync(long userId, long sectorId, CancellationToken ct) =>
        Db.SectorMemberships.AnyAsync(m => m.UserId == userId && m.SectorId == sectorId && m.User.IsActive, ct);

    private Task<Platform.Identity.Sector?> BoardSectorAsync(long sectorId, CancellationToken ct) =>
        Db.Sectors.FirstOrDefaultAsync(s => s.Id == sectorId && s.IsActive && s.HasTaskBoard, ct);

    private async Task<bool> IsActiveClientAsync(long clientId, CancellationToken ct) =>
        (await deps.Clients.GetAsync([clientId], ct)).TryGetValue(clientId, out var c) && c.IsActive;

    /// <summary>The task and all its descendants, deepest last (at most <see cref="TaskItem.MaxDepth"/> queries).</summary>
    private async Task<List<long>> TreeIdsAsync(long id, CancellationToken ct)
    {
        var all = new List<long> { id };
        var level = new List<long> { id };
        while (level.Count > 0)
        {
            var parents = level;
            level = await Db.Tasks.Where(t => t.ParentId != null && parents.Contains(t.ParentId.Value)).Select(t => t.Id).ToListAsync(ct);
            all.AddRange(level);
        }
        return all;
    }

    private static string Label(TaskItem task) => $"Tarefa {task.Id} – {task.Title}";
}
