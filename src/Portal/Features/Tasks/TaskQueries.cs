using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Settings;
using Portal.Platform.Text;
using Portal.Platform.Time;

namespace Portal.Features.Tasks;

/// <summary>Which root tasks a board shows (tasks.md §6), before the user's filters.</summary>
public enum BoardKind { Sector, Overview, Mine, Personal }

public sealed record BoardScope(BoardKind Kind, long? SectorId = null, bool IncludeMySectors = false);

/// <summary>The filters of the boards; <see cref="UserIds"/>: each must be creator, assignee or follower (TSK-24).</summary>
public sealed record BoardFilter(long? SectorId = null, TaskPriority? Priority = null, string? Text = null,
    IReadOnlyList<long>? UserIds = null, DateOnly? DueFrom = null, DateOnly? DueTo = null, long? ClientId = null,
    bool AssignedToMe = false);

/// <summary>The filters of "Histórico"; completion dates are São Paulo calendar days.</summary>
public sealed record CompletedFilter(long? SectorId = null, bool AssignedToMe = false, bool CreatedByMe = false,
    bool OnlyPrivate = false, DateOnly? CompletedFrom = null, DateOnly? CompletedTo = null, long? ClientId = null,
    string? Text = null);

public enum BoardDue { None, Soon, Overdue }

/// <summary>What a board card shows (tasks.md §5 "Card content") and what its status buttons need.</summary>
public sealed record TaskCard
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public TaskItemStatus Status { get; init; }
    public TaskPriority Priority { get; init; }
    public DateOnly? DueDate { get; init; }
    public bool IsPrivate { get; init; }
    public int Version { get; init; }
    public long? SectorId { get; init; }
    public long? ClientId { get; init; }
    public long CreatorId { get; init; }
    public long? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public Guid? AssigneePhotoFileId { get; init; }
    public int Subtasks { get; init; }
    public int SubtasksDone { get; init; }
    /// <summary>Descendants at any depth not yet done: what "Concluir" warns about.</summary>
    public int OpenSubtasks { get; init; }
    public int Attachments { get; init; }
    public int Comments { get; init; }
    public int Unread { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }

    // Filled after the query (they need today's date, the client registry and the workflow rules).
    public BoardDue Due { get; init; }
    public string? ClientLabel { get; init; }
    public IReadOnlyList<TaskItemStatus> Targets { get; init; } = [];

    public int? Progress => TaskItem.Progress(Subtasks, SubtasksDone);
}

/// <summary>One page of a column: its exact total and the cards from <see cref="Skip"/>.</summary>
public sealed record ColumnPage(TaskItemStatus Status, int Total, int Skip, IReadOnlyList<TaskCard> Cards)
{
    public int Shown => Skip + Cards.Count;
    public int Remaining => Math.Max(0, Total - Shown);
}

public sealed record BoardData(ColumnPage Pending, ColumnPage InProgress, ColumnPage Done)
{
    /// <summary>Identifies exactly this content for caches of what is rendered from it; null when not cacheable.</summary>
    public string? CacheKey { get; init; }

    public IEnumerable<ColumnPage> Columns => [Pending, InProgress, Done];
}

public sealed record CompletedRow(long Id, string Title, long? ParentId, bool IsPrivate, string? SectorName, long? ClientId,
    string? AssigneeName, DateTime? CompletedAt, string? CompletedByName, TaskPriority Priority)
{
    public string? ClientLabel { get; init; }
}

public sealed record BoardOption(long Id, string Name, string? Color = null);

/// <summary>
/// Read models of the boards and the history (tasks.md §5–6): no tracking, always through
/// <see cref="TaskAccess.VisibleTo"/>, one query per column page with the counters as correlated subqueries.
/// </summary>
public sealed class TaskQueries(PortalDb db, SettingsService settings, IClientDirectory clients, TaskReadCache cache, StampedCache choices, TimeProvider clock)
{
    public const int ColumnPageSize = 50;
    public const int HistoryPageSize = 50;
    public const int MaxUserFilters = 2;
    /// <summary>Setting "tasks.done_column_size" (0–50, default 5); no admin field yet, set it in SystemSettings.</summary>
    public const string DoneColumnSizeKey = "tasks.done_column_size";
    public const int DefaultDoneColumnSize = 5;

    public async Task<int> DoneColumnSizeAsync(CancellationToken ct = default) =>
        int.TryParse((await settings.GetAsync(ct)).Raw(DoneColumnSizeKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 0, 50) : DefaultDoneColumnSize;

    /// <summary>The root tasks of a board the viewer can see, with the filters applied.</summary>
    public IQueryable<TaskItem> BoardTasks(TaskViewer v, BoardScope scope, BoardFilter filter)
    {
        var me = v.UserId;
        // A sector board is opened only by its members or tasks.view_all (SectorBoardAsync), who see every task of the
        // sector: the visibility predicate would only cost its evaluation on every row. Private tasks have no sector.
        var wholeSector = scope.Kind == BoardKind.Sector && v.Access && (v.ViewAll || v.IsMemberOf(scope.SectorId));
        var q = (wholeSector ? db.Tasks.AsNoTracking() : db.Tasks.AsNoTracking().VisibleTo(v)).Where(t => t.ParentId == null);
        switch (scope.Kind)
        {
            case BoardKind.Sector:
                var sectorId = scope.SectorId;
                q = wholeSector ? q.Where(t => t.SectorId == sectorId) : q.Where(t => !t.IsPrivate && t.SectorId == sectorId);
                break;
            case BoardKind.Overview:
                q = q.Where(t => !t.IsPrivate);
                break;
            case BoardKind.Mine:
                var sectors = v.SectorIds.ToList();
                q = scope.IncludeMySectors && sectors.Count > 0
                    ? q.Where(t => !t.IsPrivate && (t.CreatorId == me || t.AssigneeId == me || t.Followers.Any(f => f.UserId == me)
                        || EF.Constant(sectors).Contains(t.SectorId!.Value)))
                    : q.Where(t => !t.IsPrivate && (t.CreatorId == me || t.AssigneeId == me || t.Followers.Any(f => f.UserId == me)));
                break;
            default:
                q = q.Where(t => t.IsPrivate && t.CreatorId == me);
                break;
        }
        return Filter(q, filter, me);
    }

    private static IQueryable<TaskItem> Filter(IQueryable<TaskItem> q, BoardFilter f, long me)
    {
        if (f.SectorId is { } sectorId) q = q.Where(t => t.SectorId == sectorId);
        if (f.Priority is { } priority) q = q.Where(t => t.Priority == priority);
        if (TextNormalizer.Key(f.Text) is { Length: > 0 } key) q = q.Where(t => t.SearchText.Contains(key));
        foreach (var userId in (f.UserIds ?? []).Distinct().Take(MaxUserFilters))
            q = q.Where(t => t.CreatorId == userId || t.AssigneeId == userId || t.Followers.Any(x => x.UserId == userId));
        if (f.DueFrom is { } from) q = q.Where(t => t.DueDate >= from);
        if (f.DueTo is { } to) q = q.Where(t => t.DueDate <= to);
        if (f.ClientId is { } clientId) q = q.Where(t => t.ClientId == clientId);
        if (f.AssignedToMe) q = q.Where(t => t.AssigneeId == me);
        return q;
    }

    /// <summary>
    /// The three columns: exact counts in one grouped query, the first <see cref="ColumnPageSize"/> cards of the open
    /// columns and the most recent completions of Concluída. Read through <see cref="TaskReadCache"/>: counting a
    /// sector's tens of thousands of done tasks on every view is what the cache saves.
    /// </summary>
    public async Task<BoardData> BoardAsync(TaskViewer v, BoardScope scope, BoardFilter filter, CancellationToken ct = default)
    {
        var doneSize = await DoneColumnSizeAsync(ct);
        var key = $"board:{TaskReadCache.ViewerKey(v)}:{scope.Kind}:{scope.SectorId}:{scope.IncludeMySectors}:{doneSize}:"
            + $"{filter.SectorId}|{filter.Priority}|{filter.DueFrom}|{filter.DueTo}|{filter.ClientId}|{filter.AssignedToMe}|"
            + $"{string.Join(',', filter.UserIds ?? [])}|{filter.Text}";
        var stamped = cache.Stamped(key);
        var (raw, labels) = await cache.GetOrCreateAsync(stamped, async () =>
        {
            var read = await ReadBoardAsync(v, BoardTasks(v, scope, filter), doneSize, ct);
            return new BoardRead(read, await ClientLabelsAsync(read.Pending.Cards.Concat(read.InProgress.Cards).Concat(read.Done.Cards).Select(c => c.ClientId), ct));
        });
        return new BoardData(
            raw.Pending with { Cards = Decorate(v, raw.Pending.Cards, labels) },
            raw.InProgress with { Cards = Decorate(v, raw.InProgress.Cards, labels) },
            raw.Done with { Cards = Decorate(v, raw.Done.Cards, labels) })
        {
            // Everything Decorate adds besides client codes (which are in the stamp's tables): the day and move rights.
            CacheKey = $"{stamped}:{SaoPaulo.Today(clock):yyyyMMdd}:{v.ManageAny}",
        };
    }

    /// <summary>Board columns with their cards' client labels (the Clients table is in the same stamp group).</summary>
    private sealed record BoardRead(BoardData Raw, Dictionary<long, string> Labels);

    private async Task<BoardData> ReadBoardAsync(TaskViewer v, IQueryable<TaskItem> tasks, int doneSize, CancellationToken ct)
    {
        var counts = await tasks.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(TaskItemStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;

        var pending = await CardsAsync(v, CardOrder(tasks.Where(t => t.Status == TaskItemStatus.Pending)).Take(ColumnPageSize), ct);
        var inProgress = await CardsAsync(v, CardOrder(tasks.Where(t => t.Status == TaskItemStatus.InProgress)).Take(ColumnPageSize), ct);
        var done = doneSize == 0 ? [] : await CardsAsync(v, tasks.Where(t => t.Status == TaskItemStatus.Done)
            .OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id).Take(doneSize), ct);
        return new BoardData(
            new ColumnPage(TaskItemStatus.Pending, Count(TaskItemStatus.Pending), 0, pending),
            new ColumnPage(TaskItemStatus.InProgress, Count(TaskItemStatus.InProgress), 0, inProgress),
            new ColumnPage(TaskItemStatus.Done, Count(TaskItemStatus.Done), 0, done));
    }

    /// <summary>"Carregar mais": the next cards of an open column, in board order.</summary>
    public async Task<ColumnPage> ColumnAsync(TaskViewer v, IQueryable<TaskItem> tasks, TaskItemStatus status, int skip, CancellationToken ct = default)
    {
        skip = Math.Max(0, skip);
        var column = tasks.Where(t => t.Status == status);
        var total = await column.CountAsync(ct);
        var cards = await CardsAsync(v, CardOrder(column).Skip(skip).Take(ColumnPageSize), ct);
        return new ColumnPage(status, total, skip, Decorate(v, cards, await ClientLabelsAsync(cards.Select(c => c.ClientId), ct)));
    }

    /// <summary>Priority (Alta first), then due date (none last), then creation (tasks.md §5).</summary>
    public static IOrderedQueryable<TaskItem> CardOrder(IQueryable<TaskItem> q) =>
        q.OrderByDescending(t => t.Priority).ThenBy(t => t.DueDate == null).ThenBy(t => t.DueDate)
            .ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);

    private Task<List<TaskCard>> CardsAsync(TaskViewer v, IQueryable<TaskItem> q, CancellationToken ct)
    {
        var me = v.UserId;
        var files = db.StoredFiles;
        var reads = db.Set<TaskReadState>();
        var all = db.Set<TaskItem>();
        return q.Select(t => new TaskCard
        {
            Id = t.Id,
            Title = t.Title,
            Status = t.Status,
            Priority = t.Priority,
            DueDate = t.DueDate,
            IsPrivate = t.IsPrivate,
            Version = t.Version,
            SectorId = t.SectorId,
            ClientId = t.ClientId,
            CreatorId = t.CreatorId,
            AssigneeId = t.AssigneeId,
            AssigneeName = t.Assignee != null ? t.Assignee.FullName : null,
            AssigneePhotoFileId = t.Assignee != null ? t.Assignee.PhotoFileId : null,
            Subtasks = t.Children.Count,
            SubtasksDone = t.Children.Count(c => c.Status == TaskItemStatus.Done),
            OpenSubtasks = all.Count(d => d.RootId == t.Id && d.Id != t.Id && d.Status != TaskItemStatus.Done),
            Attachments = files.Count(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == t.Id),
            Comments = t.Comments.Count(c => c.DeletedAt == null),
            // Unread: others' live comments newer than the viewer's last opening of the conversation.
            Unread = t.Comments.Count(c => c.DeletedAt == null && c.AuthorId != me
                && !reads.Any(r => r.TaskId == t.Id && r.UserId == me && r.LastReadAt >= c.CreatedAt)),
            CreatedAt = t.CreatedAt,
            CompletedAt = t.CompletedAt,
        }).ToListAsync(ct);
    }

    /// <summary>Due flags on São Paulo's calendar, client codes (one registry call) and the moves this viewer may make.</summary>
    private List<TaskCard> Decorate(TaskViewer v, IReadOnlyList<TaskCard> cards, Dictionary<long, string> labels)
    {
        var today = SaoPaulo.Today(clock);
        return cards.Select(c => c with
        {
            Due = DueStateOf(c.DueDate, c.Status, today),
            ClientLabel = c.ClientId is { } id ? labels[id] : null,
            Targets = TaskWorkflow.AllowedTargets(c.Status, c.IsPrivate, TaskAccess.Actor(v,
                new TaskItem { CreatorId = c.CreatorId, AssigneeId = c.AssigneeId, SectorId = c.SectorId })),
        }).ToList();
    }

    /// <summary>Overdue when the date has passed; "soon" from today to two days ahead. Done tasks are never late.</summary>
    public static BoardDue DueStateOf(DateOnly? due, TaskItemStatus status, DateOnly today) =>
        due is not { } d || status == TaskItemStatus.Done ? BoardDue.None
        : d < today ? BoardDue.Overdue
        : d <= today.AddDays(2) ? BoardDue.Soon
        : BoardDue.None;

    private async Task<Dictionary<long, string>> ClientLabelsAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var distinct = ids.OfType<long>().Distinct().ToList();
        var known = distinct.Count == 0 ? new Dictionary<long, ClientRef>() : await clients.GetAsync(distinct, ct);
        return distinct.ToDictionary(id => id, id => known.TryGetValue(id, out var c) ? c.Label : $"Cliente #{id}");
    }

    /// <summary>Completed tasks, roots and subtasks, newest completion first (tasks.md §6 "Histórico").</summary>
    public async Task<(IReadOnlyList<CompletedRow> Rows, int Total)> HistoryAsync(TaskViewer v, CompletedFilter f, int page, CancellationToken ct = default)
    {
        var me = v.UserId;
        var q = db.Tasks.AsNoTracking().VisibleTo(v).Where(t => t.Status == TaskItemStatus.Done);
        if (f.SectorId is { } sectorId) q = q.Where(t => t.SectorId == sectorId);
        if (f.AssignedToMe) q = q.Where(t => t.AssigneeId == me);
        if (f.CreatedByMe) q = q.Where(t => t.CreatorId == me);
        if (f.OnlyPrivate) q = q.Where(t => t.IsPrivate);
        if (f.CompletedFrom is { } from)
        {
            var start = SaoPaulo.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            q = q.Where(t => t.CompletedAt >= start);
        }
        if (f.CompletedTo is { } to)
        {
            var end = SaoPaulo.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            q = q.Where(t => t.CompletedAt < end);
        }
        if (f.ClientId is { } clientId) q = q.Where(t => t.ClientId == clientId);
        if (TextNormalizer.Key(f.Text) is { Length: > 0 } key) q = q.Where(t => t.SearchText.Contains(key));

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id)
            .Skip((Math.Max(1, page) - 1) * HistoryPageSize).Take(HistoryPageSize)
            .Select(t => new CompletedRow(t.Id, t.Title, t.ParentId, t.IsPrivate, t.Sector != null ? t.Sector.Name : null, t.ClientId,
                t.Assignee != null ? t.Assignee.FullName : null, t.CompletedAt,
                t.CompletedBy != null ? t.CompletedBy.FullName : null, t.Priority))
            .ToListAsync(ct);
        var labels = await ClientLabelsAsync(rows.Select(r => r.ClientId), ct);
        return (rows.Select(r => r with { ClientLabel = r.ClientId is { } id ? labels[id] : null }).ToList(), total);
    }

    /// <summary>Active sectors with a board; all of them with tasks.view_all, else the viewer's own.</summary>
    public async Task<List<BoardOption>> BoardSectorsAsync(TaskViewer v, bool ownOnly = false, CancellationToken ct = default)
    {
        var all = v.ViewAll && !ownOnly;
        return (await AllBoardSectorsAsync(ct)).Where(s => all || v.SectorIds.Contains(s.Id)).ToList();
    }

    /// <summary>The sector of a board the viewer may open (members or tasks.view_all); null → 404.</summary>
    public async Task<BoardOption?> SectorBoardAsync(TaskViewer v, long sectorId, CancellationToken ct = default)
    {
        if (!v.Access || !(v.ViewAll || v.IsMemberOf(sectorId))) return null;
        return (await AllBoardSectorsAsync(ct)).FirstOrDefault(s => s.Id == sectorId);
    }

    /// <summary>Active sectors with a board (every board page's menu and the overview's filter), cached under the "people" stamp.</summary>
    public async Task<IReadOnlyList<BoardOption>> AllBoardSectorsAsync(CancellationToken ct = default) =>
        await choices.GetOrCreateAsync(Pages.TaskChoices.Tables.Name, "boards", Pages.TaskChoices.Lifetime, () =>
            db.Sectors.AsNoTracking().Where(s => s.IsActive && s.HasTaskBoard).OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new BoardOption(s.Id, s.Name, s.Color)).ToListAsync(ct));

    /// <summary>Active users for the people filter.</summary>
    public async Task<IReadOnlyList<BoardOption>> ActiveUsersAsync(CancellationToken ct = default) =>
        await choices.GetOrCreateAsync(Pages.TaskChoices.Tables.Name, "active-users", Pages.TaskChoices.Lifetime, () =>
            db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.FullName)
                .Select(u => new BoardOption(u.Id, u.FullName, null)).ToListAsync(ct));
}
