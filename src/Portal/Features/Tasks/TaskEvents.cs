namespace Portal.Features.Tasks;

/// <summary>
/// The task facts the notifications and real-time modules consume (tasks.md §7–8), published through
/// <see cref="Portal.Platform.Events.IDomainEvents"/> after the change is committed. Each carries a snapshot of the
/// people involved as they were at that moment, so a consumer never needs to read a task that may be gone.
/// </summary>
public sealed record TaskSnapshot(long TaskId, string Title, long? SectorId, string? SectorName, TaskItemStatus Status,
    bool IsPrivate, long CreatorId, long? AssigneeId, IReadOnlyList<long> FollowerIds, int Version)
{
    public static TaskSnapshot Of(TaskItem t, string? sectorName, IEnumerable<long> followerIds) =>
        new(t.Id, t.Title, t.SectorId, sectorName, t.Status, t.IsPrivate, t.CreatorId, t.AssigneeId, followerIds.ToList(), t.Version);
}

public interface ITaskEvent
{
    string Type { get; }
    long ActorId { get; }
    string ActorName { get; }
    TaskSnapshot Task { get; }
}

public sealed record TaskCreated(long ActorId, string ActorName, TaskSnapshot Task) : ITaskEvent
{
    public string Type => "task.created";
}

public sealed record TaskAssigned(long ActorId, string ActorName, TaskSnapshot Task, long? PreviousAssigneeId, string? NewAssigneeName) : ITaskEvent
{
    public string Type => "task.assigned";
}

public sealed record TaskUpdated(long ActorId, string ActorName, TaskSnapshot Task, IReadOnlyList<string> Fields) : ITaskEvent
{
    public string Type => "task.updated";
}

public sealed record TaskStatusChanged(long ActorId, string ActorName, TaskSnapshot Task, TaskItemStatus From, TaskItemStatus To, DateTime At) : ITaskEvent
{
    public string Type => "task.status_changed";
}

/// <summary>Sector changed by a transfer; <see cref="PreviousSectorId"/> lets the old board drop the card.</summary>
public sealed record TaskTransferred(long ActorId, string ActorName, TaskSnapshot Task, long? PreviousSectorId) : ITaskEvent
{
    public string Type => "task.transferred";
}

/// <summary><see cref="ParticipantIds"/>: creator, assignee, completer, followers and commenters (tasks.md §2).</summary>
public sealed record TaskCommentCreated(long ActorId, string ActorName, TaskSnapshot Task, long CommentId, IReadOnlyList<long> ParticipantIds) : ITaskEvent
{
    public string Type => "task.comment_created";
}

/// <summary><see cref="DeletedIds"/>: the task and all its descendants.</summary>
public sealed record TaskDeleted(long ActorId, string ActorName, TaskSnapshot Task, IReadOnlyList<long> DeletedIds) : ITaskEvent
{
    public string Type => "task.deleted";
}
