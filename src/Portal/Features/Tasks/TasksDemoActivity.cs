using Portal.Platform.Setup;

namespace Portal.Features.Tasks;

/// <summary>The rows around generated tasks: history, followers, conversation and who has read it.</summary>
internal sealed class TasksDemoActivity(TasksDemoPlan plan)
{
    private readonly Random _rng = plan.Random;
    private readonly Dictionary<long, string> _names = plan.Names;
    private long _nextCommentId = 1;

    public sealed record Rows(List<TaskHistory> History, List<TaskFollower> Followers, List<TaskComment> Comments, List<TaskReadState> ReadStates);

    public long FirstCommentId { set => _nextCommentId = value; }

    public Rows For(IEnumerable<TaskItem> tasks)
    {
        var rows = new Rows([], [], [], []);
        foreach (var task in tasks)
        {
            var followers = Followers(task, rows.Followers);
            History(task, rows.History);
            Conversation(task, followers, rows);
        }
        return rows;
    }

    /// <summary>What the workflow wrote: Created, Iniciar (taking the task), Concluir, an occasional Reabrir.</summary>
    private void History(TaskItem task, List<TaskHistory> history)
    {
        var p = plan.Plans[task];
        history.Add(Row(task, task.CreatedAt, task.CreatorId, TaskHistoryKind.Created));
        if (task.StartedAt is { } started && task.AssigneeId is { } starter)
        {
            if (!task.IsPrivate && p.InitialAssignee != starter)
                history.Add(Row(task, started, starter, TaskHistoryKind.FieldChanged, "Responsável", Label(p.InitialAssignee), Label(starter)));
            history.Add(Status(task, started, starter, TaskItemStatus.Pending, TaskItemStatus.InProgress));
        }
        if (task.CompletedAt is not { } done) return;
        var completer = task.CompletedById!.Value;
        var from = task.StartedAt is null ? TaskItemStatus.Pending : TaskItemStatus.InProgress;
        if (p.Reopened && task.StartedAt is { } s)
        {
            var first = plan.Between(s, done, 0.2, 0.5);
            history.Add(Status(task, first, completer, TaskItemStatus.InProgress, TaskItemStatus.Done));
            history.Add(Status(task, plan.Between(first, done, 0.2, 0.6), task.CreatorId, TaskItemStatus.Done, TaskItemStatus.InProgress));
        }
        history.Add(Status(task, done, completer, from, TaskItemStatus.Done));
    }

    /// <summary>A quarter of the shared tasks are followed by colleagues or a manager; private tasks never.</summary>
    private List<long> Followers(TaskItem task, List<TaskFollower> rows)
    {
        var ids = new List<long>();
        if (task.IsPrivate || _rng.NextDouble() >= 0.25) return ids;
        var n = _rng.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
        var members = plan.MembersOf(task.SectorId);
        for (var i = 0; i < n * 3 && ids.Count < n; i++)
        {
            var candidate = plan.Managers.Length > 0 && _rng.NextDouble() < 0.2 ? plan.Pick(plan.Managers) : plan.Pick(members);
            if (candidate.Id == task.CreatorId || candidate.Id == task.AssigneeId || ids.Contains(candidate.Id)) continue;
            ids.Add(candidate.Id);
            rows.Add(new TaskFollower { TaskId = task.Id, UserId = candidate.Id, AddedAt = task.CreatedAt, AddedById = task.CreatorId });
        }
        return ids;
    }

    /// <summary>
    /// A third of the shared tasks have a conversation among their participants. Each author has read up to their own
    /// message; other participants have read it all on closed tasks and sometimes not the latest on open ones.
    /// </summary>
    private void Conversation(TaskItem task, List<long> followers, Rows rows)
    {
        if (_rng.NextDouble() >= (task.IsPrivate ? 0.05 : 0.35)) return;
        var participants = new List<long> { task.CreatorId };
        if (task.AssigneeId is { } a && !participants.Contains(a)) participants.Add(a);
        if (task.CompletedById is { } c && !participants.Contains(c)) participants.Add(c);
        participants.AddRange(followers.Where(f => !participants.Contains(f)));

        var end = task.CompletedAt ?? plan.Now;
        var count = task.IsPrivate ? 1 : Math.Min(8, 1 + (int)(-Math.Log(1 - _rng.NextDouble()) * 1.3));
        var times = Enumerable.Range(0, count).Select(_ => plan.Between(task.CreatedAt, end)).Order().ToList();
        var lastByAuthor = new Dictionary<long, DateTime>();
        foreach (var at in times)
        {
            var author = task.IsPrivate ? task.CreatorId
                : _rng.NextDouble() < 0.9 ? plan.Pick(participants) : plan.Pick(plan.MembersOf(task.SectorId)).Id;
            var comment = new TaskComment
            {
                Id = _nextCommentId++, TaskId = task.Id, AuthorId = author, Body = TasksDemoTexts.Comment(_rng),
                CreatedAt = at, UpdatedAt = at, CreatedById = author, UpdatedById = author, Version = 1,
            };
            if (!task.IsPrivate && plan.Managers.Length > 0 && _rng.NextDouble() < 0.005)
            {
                // "Comentário removido por X" (tasks.manage_any), recorded in the history as the service does.
                var manager = plan.Pick(plan.Managers).Id;
                var removedAt = plan.Between(at, plan.Now, 0, 0.1);
                rows.History.Add(Row(task, removedAt, manager, TaskHistoryKind.CommentDeleted, "Comentário", $"#{comment.Id} de {Label(author)}", null));
                comment.Body = null;
                comment.DeletedAt = comment.UpdatedAt = removedAt;
                comment.DeletedById = comment.UpdatedById = manager;
                comment.Version = 2;
            }
            rows.Comments.Add(comment);
            lastByAuthor[author] = at;
        }

        var first = times[0];
        var last = times[^1];
        foreach (var user in participants.Union(lastByAuthor.Keys))
        {
            DateTime? read = lastByAuthor.TryGetValue(user, out var own) ? own : null;
            if (_rng.NextDouble() < 0.7)
            {
                var seen = task.Status == TaskItemStatus.Done || _rng.NextDouble() < 0.5
                    ? plan.Between(last, last.AddDays(2))
                    : plan.Between(first, last);
                if (seen > plan.Now) seen = plan.Now;
                if (read is null || seen > read) read = seen;
            }
            if (read is { } r) rows.ReadStates.Add(new TaskReadState { TaskId = task.Id, UserId = user, LastReadAt = r });
        }
    }

    private static TaskHistory Status(TaskItem task, DateTime at, long byId, TaskItemStatus from, TaskItemStatus to) =>
        Row(task, at, byId, TaskHistoryKind.StatusChanged, "Status", TaskLabels.Status(from), TaskLabels.Status(to));

    private static TaskHistory Row(TaskItem task, DateTime at, long byId, TaskHistoryKind kind, string? field = null, string? oldValue = null, string? newValue = null) =>
        new() { TaskId = task.Id, At = at, ById = byId, Kind = kind, Field = field, OldValue = oldValue, NewValue = newValue };

    /// <summary>"Nome (#id)", as the service writes people into history.</summary>
    private string? Label(long? userId) => userId is { } id ? $"{_names.GetValueOrDefault(id)} (#{id})" : null;
}
