using Portal.Platform.Authorization;
using Portal.Platform.Setup;
using Portal.Platform.Text;

namespace Portal.Features.Tasks;

/// <summary>
/// Builds the generated task trees in memory, as the service would have left them after three years of use: statuses
/// reached through the workflow (assignee = whoever started, completer set on Done), subtasks inheriting the root's
/// sector, privacy and client, private tasks belonging to their creator alone. Deterministic for a given seed.
/// </summary>
internal sealed class TasksDemoPlan
{
    /// <summary>The sector whose board carries the benchmark load (issue 4 item 8).</summary>
    public const string BusySectorKey = "FISCAL";
    public const int BusySectorOpenRoots = 2_000;

    private const double PrivateShare = 0.03;
    private const double SubtreeChance = 0.058; // × ~3.1 subtasks per tree ≈ 15 % of all tasks are subtasks
    private const double OpenRootShare = 0.052; // plus open subtasks of open roots ≈ 5 % open overall
    private const double RecentOpenShare = 0.8; // open tasks are mostly recent; the rest are forgotten old ones
    private static readonly TimeSpan RecentWindow = TimeSpan.FromDays(90);

    private static readonly Dictionary<string, double> SectorWeights = new()
    {
        ["FISCAL"] = 0.22, ["CONTABIL"] = 0.20, ["PESSOAL"] = 0.17, ["SOCIETARIO"] = 0.08, ["FINANCEIRO"] = 0.10,
        ["LEGALIZACAO"] = 0.08, ["TI"] = 0.06, ["ADMINISTRATIVO"] = 0.09,
    };

    private readonly Random _rng;
    private readonly DateTime _now;
    private readonly DateTime _start;
    private readonly LargeDemoContext _context;
    private readonly IReadOnlyList<long> _clientIds;
    private readonly DemoPerson[] _taskUsers;
    private readonly DemoPerson[] _managers;
    private readonly Dictionary<long, DemoPerson[]> _members = [];

    public TasksDemoPlan(LargeDemoContext context, IReadOnlyList<long> clientIds)
    {
        _context = context;
        _clientIds = clientIds;
        _rng = new Random(context.Scale.Seed);
        _now = context.Now;
        _start = _now.AddYears(-3);
        _taskUsers = context.People.Where(p => p.Has(Permissions.TasksAccess)).ToArray();
        if (_taskUsers.Length == 0) throw new InvalidOperationException("Nenhum usuário de demonstração com acesso a tarefas.");
        _managers = _taskUsers.Where(p => p.Has(TaskPermissions.ManageAny)).ToArray();
        foreach (var s in context.Sectors)
        {
            var members = _taskUsers.Where(p => p.SectorIds.Contains(s.Id)).ToArray();
            _members[s.Id] = members.Length > 0 ? members : _managers.Length > 0 ? _managers : _taskUsers;
        }
    }

    public Dictionary<long, string> Names => _context.People.ToDictionary(p => p.Id, p => p.FullName);

    /// <summary>All tasks in id order (parents before children), ids from <paramref name="firstId"/>.</summary>
    public List<TaskItem> BuildTasks(long firstId)
    {
        var total = _context.Scale.Tasks;
        var privateCount = (int)Math.Round(total * PrivateShare);
        var roots = new List<TaskItem>();
        var weights = _context.Sectors.Select(s => SectorWeights.GetValueOrDefault(TextNormalizer.Key(s.Name), 0.08)).ToArray();
        var remaining = total - privateCount;
        var weightLeft = weights.Sum();
        for (var i = 0; i < _context.Sectors.Count; i++)
        {
            // Last sector takes the rounding rest so the total is exact.
            var count = i == _context.Sectors.Count - 1 ? remaining : (int)Math.Round(remaining * weights[i] / weightLeft);
            remaining -= count;
            weightLeft -= weights[i];
            roots.AddRange(SectorTrees(_context.Sectors[i], count));
        }
        roots.AddRange(PrivateTrees(privateCount));

        // Ids follow creation time, as they would in a real database.
        roots.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        var all = new List<TaskItem>(total);
        var id = firstId;
        foreach (var root in roots) Number(root, null, ref id, all);
        return all;
    }

    private static void Number(TaskItem task, TaskItem? parent, ref long id, List<TaskItem> all)
    {
        task.Id = id++;
        task.ParentId = parent?.Id;
        task.RootId = parent?.RootId ?? task.Id;
        task.Depth = parent is null ? 0 : parent.Depth + 1;
        all.Add(task);
        foreach (var child in task.Children) Number(child, task, ref id, all);
    }

    // ---- sector trees -----------------------------------------------------------------------------------------

    private List<TaskItem> SectorTrees(DemoSector sector, int count)
    {
        var key = TextNormalizer.Key(sector.Name);
        var roots = Shapes(count);
        var quota = key == BusySectorKey
            ? (int)Math.Round(BusySectorOpenRoots * _context.Scale.Factor)
            : (int)Math.Round(roots.Count * OpenRootShare);
        var open = ChooseOpen(roots, Math.Min(quota, roots.Count));
        var members = _members[sector.Id];
        foreach (var root in roots)
        {
            var client = _clientIds.Count > 0 && _rng.NextDouble() < 0.65 ? _clientIds[_rng.Next(_clientIds.Count)] : (long?)null;
            var creator = _rng.NextDouble() < 0.85 || Outsiders(sector.Id) is not { Length: > 0 } outsiders
                ? Pick(members) : Pick(outsiders);
            var competence = Competence(root.CreatedAt);
            var title = TasksDemoTexts.Title(key, _rng, competence, Pick(TasksDemoTexts.Companies));
            Fill(root, title, sector.Id, creator.Id, client, open.Contains(root), members, doneBy: null);
        }
        return roots;
    }

    private DemoPerson[]? _outsidersCache;
    private long _outsidersSector = -1;

    /// <summary>People of other sectors who may create here (tasks.create_other_sectors or manage_any).</summary>
    private DemoPerson[] Outsiders(long sectorId)
    {
        if (_outsidersSector == sectorId) return _outsidersCache!;
        _outsidersSector = sectorId;
        return _outsidersCache = _taskUsers.Where(p => !p.SectorIds.Contains(sectorId)
            && (p.Has(TaskPermissions.CreateOtherSectors) || p.Has(TaskPermissions.ManageAny))).ToArray();
    }

    /// <summary>Tree shapes (no fields yet) with creation times, exactly <paramref name="count"/> tasks.</summary>
    private List<TaskItem> Shapes(int count)
    {
        var roots = new List<TaskItem>();
        var made = 0;
        while (made < count)
        {
            var root = new TaskItem { CreatedAt = CreatedTime() };
            made++;
            if (_rng.NextDouble() < SubtreeChance) made += AddChildren(root, count - made);
            roots.Add(root);
        }
        roots.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return roots;
    }

    private int AddChildren(TaskItem parent, int budget, int depth = 1)
    {
        var n = Math.Min(budget, depth == 1 ? _rng.Next(1, 5) : _rng.Next(1, 3));
        var made = 0;
        for (var i = 0; i < n && made < budget; i++)
        {
            var child = new TaskItem();
            parent.Children.Add(child);
            made++;
            var deeper = depth == 1 ? 0.15 : 0.1;
            if (depth < 3 && made < budget && _rng.NextDouble() < deeper) made += AddChildren(child, budget - made, depth + 1);
        }
        return made;
    }

    /// <summary>
    /// The open roots: mostly among the recent ones (a board's backlog), some old ones nobody closed. Exactly
    /// <paramref name="quota"/> roots.
    /// </summary>
    private HashSet<TaskItem> ChooseOpen(List<TaskItem> roots, int quota)
    {
        var recent = roots.Where(r => r.CreatedAt > _now - RecentWindow).ToList();
        var older = roots.Where(r => r.CreatedAt <= _now - RecentWindow).ToList();
        var fromRecent = Math.Min(recent.Count, (int)Math.Round(quota * RecentOpenShare));
        var fromOlder = Math.Min(older.Count, quota - fromRecent);
        fromRecent = Math.Min(recent.Count, quota - fromOlder); // too few old roots: take more recent ones
        var open = new HashSet<TaskItem>(ReferenceEqualityComparer.Instance);
        open.UnionWith(Sample(recent, fromRecent));
        open.UnionWith(Sample(older, fromOlder));
        return open;
    }

    private IEnumerable<TaskItem> Sample(List<TaskItem> items, int k)
    {
        // Partial Fisher–Yates: k distinct picks.
        for (var i = 0; i < k; i++)
        {
            var j = _rng.Next(i, items.Count);
            (items[i], items[j]) = (items[j], items[i]);
            yield return items[i];
        }
    }

    /// <summary>Fields of a sector task and, recursively, its subtasks (same sector, client; inside the parent's time).</summary>
    private void Fill(TaskItem task, DemoText title, long sectorId, long creatorId, long? clientId, bool open, DemoPerson[] members, DateTime? doneBy)
    {
        var (html, plain) = TasksDemoTexts.Description(_rng, task.Depth == 0 ? 0.45 : 0.2);
        task.Title = title.Text;
        task.Description = html;
        task.SearchText = TasksDemoTexts.SearchText(title, plain);
        task.SectorId = sectorId;
        task.ClientId = clientId;
        task.CreatorId = creatorId;
        task.CreatedById = creatorId;
        task.Priority = RandomPriority();
        task.DueDate = DueDate(task.CreatedAt);

        var initialAssignee = _rng.NextDouble() < 0.6 ? Pick(members).Id : (long?)null;
        if (open)
        {
            var pending = _rng.NextDouble() < 0.6;
            if (pending)
            {
                task.Status = TaskItemStatus.Pending;
                task.AssigneeId = initialAssignee;
            }
            else
            {
                task.Status = TaskItemStatus.InProgress;
                task.AssigneeId = initialAssignee ?? Pick(members).Id; // Iniciar: whoever starts it takes it
                task.StartedAt = Between(task.CreatedAt, _now);
            }
        }
        else
        {
            task.Status = TaskItemStatus.Done;
            task.AssigneeId = initialAssignee ?? Pick(members).Id;
            task.CompletedAt = CompletionTime(task.CreatedAt, doneBy);
            task.StartedAt = Between(task.CreatedAt, task.CompletedAt.Value, 0.05, 0.6);
            task.CompletedById = _rng.NextDouble() < 0.92 ? task.AssigneeId : Pick(members).Id;
        }
        Plans[task] = new TaskPlan(initialAssignee, Reopened: task.Status == TaskItemStatus.Done && _rng.NextDouble() < 0.01);

        var end = task.CompletedAt ?? _now;
        foreach (var child in task.Children)
        {
            child.Depth = task.Depth + 1;
            child.CreatedAt = Between(task.CreatedAt, task.CreatedAt + Min(TimeSpan.FromDays(3), (end - task.CreatedAt) / 2));
            var childOpen = task.Status != TaskItemStatus.Done && _rng.NextDouble() < 0.6;
            var childCreator = _rng.NextDouble() < 0.7 ? task.AssigneeId ?? task.CreatorId : Pick(members).Id;
            // Subtasks of a done task were finished before it.
            Fill(child, TasksDemoTexts.SubtaskTitle(_rng), sectorId, childCreator, clientId, childOpen, members, task.CompletedAt);
        }
        Stamp(task);
    }

    // ---- private trees ----------------------------------------------------------------------------------------

    private List<TaskItem> PrivateTrees(int count)
    {
        var roots = Shapes(count);
        var open = ChooseOpen(roots, (int)Math.Round(roots.Count * OpenRootShare));
        foreach (var root in roots)
        {
            var owner = Pick(_taskUsers).Id;
            FillPrivate(root, TasksDemoTexts.PrivateTitle(_rng), owner, open.Contains(root), doneBy: null);
        }
        return roots;
    }

    private void FillPrivate(TaskItem task, DemoText title, long ownerId, bool open, DateTime? doneBy)
    {
        var (html, plain) = TasksDemoTexts.Description(_rng, 0.3);
        task.Title = title.Text;
        task.Description = html;
        task.SearchText = TasksDemoTexts.SearchText(title, plain);
        task.IsPrivate = true;
        task.CreatorId = ownerId;
        task.CreatedById = task.AssigneeId = ownerId;
        task.Priority = RandomPriority();
        task.DueDate = _rng.NextDouble() < 0.5 ? DueDate(task.CreatedAt) : null;
        if (open)
        {
            task.Status = _rng.NextDouble() < 0.75 ? TaskItemStatus.Pending : TaskItemStatus.InProgress;
            if (task.Status == TaskItemStatus.InProgress) task.StartedAt = Between(task.CreatedAt, _now);
        }
        else
        {
            task.Status = TaskItemStatus.Done;
            task.CompletedAt = CompletionTime(task.CreatedAt, doneBy);
            task.CompletedById = ownerId;
            // The creator may tick a private to-do done straight from Pendente.
            if (_rng.NextDouble() < 0.3) task.StartedAt = Between(task.CreatedAt, task.CompletedAt.Value, 0.05, 0.6);
        }
        Plans[task] = new TaskPlan(ownerId, Reopened: false);

        var end = task.CompletedAt ?? _now;
        foreach (var child in task.Children)
        {
            child.Depth = task.Depth + 1;
            child.CreatedAt = Between(task.CreatedAt, task.CreatedAt + Min(TimeSpan.FromDays(3), (end - task.CreatedAt) / 2));
            FillPrivate(child, TasksDemoTexts.SubtaskTitle(_rng), ownerId, task.Status != TaskItemStatus.Done && _rng.NextDouble() < 0.6, task.CompletedAt);
        }
        Stamp(task);
    }

    /// <summary>What the history needs beyond the task's final columns.</summary>
    public sealed record TaskPlan(long? InitialAssignee, bool Reopened);

    public Dictionary<TaskItem, TaskPlan> Plans { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Version and UpdatedAt as the service leaves them: one edit per status change.</summary>
    private void Stamp(TaskItem task)
    {
        var changes = task.Status switch
        {
            TaskItemStatus.Pending => 0,
            TaskItemStatus.InProgress => 1,
            _ => (task.StartedAt is null ? 1 : 2) + (Plans[task].Reopened ? 2 : 0),
        };
        task.Version = 1 + changes;
        task.UpdatedAt = task.CompletedAt ?? task.StartedAt ?? task.CreatedAt;
        task.UpdatedById = task.Status switch
        {
            TaskItemStatus.Done => task.CompletedById,
            TaskItemStatus.InProgress => task.AssigneeId,
            _ => task.CreatorId,
        };
    }

    // ---- random values ----------------------------------------------------------------------------------------

    public Random Random => _rng;
    public DateTime Now => _now;
    public DemoPerson[] Managers => _managers;
    public DemoPerson[] MembersOf(long? sectorId) => sectorId is { } id && _members.TryGetValue(id, out var m) ? m : _taskUsers;

    public T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private TaskPriority RandomPriority() => _rng.NextDouble() switch
    {
        < 0.2 => TaskPriority.Low,
        < 0.75 => TaskPriority.Medium,
        _ => TaskPriority.High,
    };

    /// <summary>A working-day moment (08–18 h in São Paulo) between three years ago and now.</summary>
    private DateTime CreatedTime()
    {
        var span = (_now - _start).TotalDays;
        var day = _start.Date.AddDays(Math.Floor(_rng.NextDouble() * span));
        if (day.DayOfWeek == DayOfWeek.Saturday) day = day.AddDays(-1);
        if (day.DayOfWeek == DayOfWeek.Sunday) day = day.AddDays(1);
        var at = day.AddHours(11 + _rng.NextDouble() * 10); // UTC−3
        return at >= _now ? _now.AddMinutes(-_rng.Next(5, 600)) : at;
    }

    /// <summary>Most tasks are done within days; some take weeks. Never in the future, nor after <paramref name="doneBy"/>.</summary>
    private DateTime CompletionTime(DateTime created, DateTime? doneBy)
    {
        if (doneBy is { } limit) return Between(created, limit, 0.1, 1);
        var days = Math.Min(60, -Math.Log(1 - _rng.NextDouble()) * 4) + 0.01;
        var done = created.AddDays(days);
        return done < _now ? done : Between(created, _now);
    }

    private DateOnly? DueDate(DateTime created)
    {
        if (_rng.NextDouble() >= 0.75) return null;
        int[] offsets = [1, 2, 3, 5, 5, 7, 7, 10, 10, 15, 20, 30];
        return DateOnly.FromDateTime(created.AddHours(-3)).AddDays(offsets[_rng.Next(offsets.Length)]);
    }

    public DateTime Between(DateTime from, DateTime to, double min = 0, double max = 1)
    {
        if (to <= from) return from;
        var f = min + _rng.NextDouble() * (max - min);
        return from + (to - from) * f;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The month the work refers to: usually the previous one ("03/2025").</summary>
    private static string Competence(DateTime created)
    {
        var month = created.AddHours(-3).AddMonths(-1);
        return month.ToString("MM/yyyy", Platform.Time.Culture.PtBr);
    }
}
