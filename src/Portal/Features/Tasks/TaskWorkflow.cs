namespace Portal.Features.Tasks;

public enum TransitionVerdict { Allowed, SameStatus, InvalidTransition, Forbidden }

/// <summary>What the workflow needs to know about the actor's relation to one task.</summary>
public readonly record struct TransitionActor(bool IsCreator, bool IsAssignee, bool IsSectorMember, bool ManageAny);

/// <summary>
/// The status workflow of tasks.md §4 as pure rules: which moves exist, who may make them, and their side effects.
/// Pages, drag-and-drop and the API all go through <see cref="Decide"/>; nothing else changes a status.
/// </summary>
public static class TaskWorkflow
{
    /// <summary>Pendente→Em andamento, Em andamento→Concluída, Em andamento→Pendente and Reabrir.</summary>
    public static bool IsStandard(TaskItemStatus from, TaskItemStatus to) => (from, to) switch
    {
        (TaskItemStatus.Pending, TaskItemStatus.InProgress) => true,
        (TaskItemStatus.InProgress, TaskItemStatus.Done) => true,
        (TaskItemStatus.InProgress, TaskItemStatus.Pending) => true,
        (TaskItemStatus.Done, TaskItemStatus.InProgress) => true,
        _ => false,
    };

    public static TransitionVerdict Decide(TaskItemStatus from, TaskItemStatus to, bool isPrivate, TransitionActor actor)
    {
        if (from == to) return TransitionVerdict.SameStatus;
        if (isPrivate) return actor.IsCreator ? TransitionVerdict.Allowed : TransitionVerdict.Forbidden;
        if (!IsStandard(from, to)) return actor.ManageAny ? TransitionVerdict.Allowed : TransitionVerdict.InvalidTransition;
        if (actor.ManageAny) return TransitionVerdict.Allowed;
        var reopen = from == TaskItemStatus.Done;
        var allowed = reopen ? actor.IsCreator : actor.IsCreator || actor.IsAssignee || actor.IsSectorMember;
        return allowed ? TransitionVerdict.Allowed : TransitionVerdict.Forbidden;
    }

    /// <summary>Targets to offer as buttons / drop zones: only moves this actor may make.</summary>
    public static IReadOnlyList<TaskItemStatus> AllowedTargets(TaskItemStatus from, bool isPrivate, TransitionActor actor) =>
        Enum.GetValues<TaskItemStatus>().Where(to => Decide(from, to, isPrivate, actor) == TransitionVerdict.Allowed).ToList();

    /// <summary>Applies the side effects of entering <paramref name="to"/> (same for standard and exceptional moves).</summary>
    public static void Apply(TaskItem task, TaskItemStatus to, long actorId, DateTime now)
    {
        var from = task.Status;
        task.Status = to;
        switch (to)
        {
            case TaskItemStatus.InProgress:
                task.StartedAt = now;
                if (from == TaskItemStatus.Done)
                    task.AssigneeId ??= task.CompletedById; // Reabrir keeps the previous assignee, or the completer.
                else if (!task.IsPrivate)
                    task.AssigneeId = actorId; // Iniciar: whoever starts it takes it.
                task.CompletedAt = null;
                task.CompletedById = null;
                break;
            case TaskItemStatus.Done:
                task.CompletedAt = now;
                task.CompletedById = actorId;
                break;
            case TaskItemStatus.Pending:
                if (!task.IsPrivate) task.AssigneeId = null;
                task.StartedAt = null;
                task.CompletedAt = null;
                task.CompletedById = null;
                break;
        }
    }
}

/// <summary>pt-BR labels of the fixed enums (tasks.md §2).</summary>
public static class TaskLabels
{
    public static string Status(TaskItemStatus s) => s switch
    {
        TaskItemStatus.Pending => "Pendente",
        TaskItemStatus.InProgress => "Em andamento",
        _ => "Concluída",
    };

    public static string Priority(TaskPriority p) => p switch
    {
        TaskPriority.Low => "Baixa",
        TaskPriority.High => "Alta",
        _ => "Média",
    };

    /// <summary>The button that moves a task from one status to another.</summary>
    public static string Action(TaskItemStatus from, TaskItemStatus to) => (from, to) switch
    {
        (TaskItemStatus.Pending, TaskItemStatus.InProgress) => "Iniciar",
        (TaskItemStatus.InProgress, TaskItemStatus.Done) => "Concluir",
        (TaskItemStatus.InProgress, TaskItemStatus.Pending) => "Voltar para pendente",
        (TaskItemStatus.Done, TaskItemStatus.InProgress) => "Reabrir",
        (_, TaskItemStatus.Done) => "Concluir",
        _ => "Mover para pendente",
    };
}
