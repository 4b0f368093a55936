using Portal.Features.Tasks;
using static Portal.Features.Tasks.TaskItemStatus;

namespace Portal.Tests.Tasks;

/// <summary>tasks.md §4 as pure rules: who may make which move, and what each move changes.</summary>
public sealed class TaskWorkflowTests
{
    public enum ActorKind { Stranger, Creator, Assignee, SectorMember, ManageAny }

    private static TransitionActor ActorOf(ActorKind kind) => kind switch
    {
        ActorKind.Creator => new TransitionActor(IsCreator: true, IsAssignee: false, IsSectorMember: false, ManageAny: false),
        ActorKind.Assignee => new TransitionActor(false, true, false, false),
        ActorKind.SectorMember => new TransitionActor(false, false, true, false),
        ActorKind.ManageAny => new TransitionActor(false, false, false, true),
        _ => new TransitionActor(false, false, false, false),
    };

    private const TransitionVerdict A = TransitionVerdict.Allowed;
    private const TransitionVerdict F = TransitionVerdict.Forbidden;
    private const TransitionVerdict I = TransitionVerdict.InvalidTransition;

    /// <summary>
    /// The §4 table written out: from, to, then one letter per actor kind (Stranger, Creator, Assignee, SectorMember,
    /// ManageAny): A allowed, F forbidden (403), I invalid_transition (400), S same status.
    /// </summary>
    [Theory]
    [InlineData(Pending, InProgress, "FAAAA")]   // Iniciar: sector member, assignee, creator
    [InlineData(InProgress, Done, "FAAAA")]      // Concluir
    [InlineData(InProgress, Pending, "FAAAA")]   // Voltar para pendente
    [InlineData(Done, InProgress, "FAFFA")]      // Reabrir: creator only, or manage_any
    [InlineData(Pending, Done, "IIIIA")]         // exceptional: manage_any only, else invalid_transition
    [InlineData(Done, Pending, "IIIIA")]
    [InlineData(Pending, Pending, "SSSSS")]
    [InlineData(InProgress, InProgress, "SSSSS")]
    [InlineData(Done, Done, "SSSSS")]
    public void Public_task_transitions_follow_the_table(TaskItemStatus from, TaskItemStatus to, string expected)
    {
        var kinds = Enum.GetValues<ActorKind>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var want = expected[i] switch
            {
                'A' => TransitionVerdict.Allowed,
                'F' => TransitionVerdict.Forbidden,
                'I' => TransitionVerdict.InvalidTransition,
                _ => TransitionVerdict.SameStatus,
            };
            var got = TaskWorkflow.Decide(from, to, isPrivate: false, ActorOf(kinds[i]));
            Assert.True(want == got, $"{from} → {to} by {kinds[i]}: expected {want}, got {got}");
        }
    }

    [Fact]
    public void Standard_and_exceptional_transitions_are_told_apart()
    {
        Assert.True(TaskWorkflow.IsStandard(Pending, InProgress));
        Assert.True(TaskWorkflow.IsStandard(InProgress, Done));
        Assert.True(TaskWorkflow.IsStandard(InProgress, Pending));
        Assert.True(TaskWorkflow.IsStandard(Done, InProgress));
        Assert.False(TaskWorkflow.IsStandard(Pending, Done));
        Assert.False(TaskWorkflow.IsStandard(Done, Pending));
    }

    [Fact]
    public void Creator_and_manage_any_combined_still_allow_the_exceptional_move()
    {
        var both = new TransitionActor(IsCreator: true, IsAssignee: true, IsSectorMember: true, ManageAny: true);
        Assert.Equal(A, TaskWorkflow.Decide(Pending, Done, false, both));
        // Every relation short of manage_any: an exceptional move stays invalid, not forbidden.
        var all = new TransitionActor(true, true, true, false);
        Assert.Equal(I, TaskWorkflow.Decide(Done, Pending, false, all));
    }

    [Theory]
    [InlineData(Pending, InProgress)]
    [InlineData(Pending, Done)]
    [InlineData(InProgress, Done)]
    [InlineData(InProgress, Pending)]
    [InlineData(Done, InProgress)]
    [InlineData(Done, Pending)]
    public void Private_task_creator_may_make_any_move_and_nobody_else_any(TaskItemStatus from, TaskItemStatus to)
    {
        Assert.Equal(A, TaskWorkflow.Decide(from, to, isPrivate: true, ActorOf(ActorKind.Creator)));
        foreach (var kind in new[] { ActorKind.Stranger, ActorKind.Assignee, ActorKind.SectorMember, ActorKind.ManageAny })
            Assert.Equal(F, TaskWorkflow.Decide(from, to, isPrivate: true, ActorOf(kind)));
        var everythingButCreator = new TransitionActor(false, true, true, true);
        Assert.Equal(F, TaskWorkflow.Decide(from, to, isPrivate: true, everythingButCreator));
    }

    [Fact]
    public void Allowed_targets_offer_only_the_moves_the_actor_may_make()
    {
        Assert.Equal([InProgress], TaskWorkflow.AllowedTargets(Pending, false, ActorOf(ActorKind.SectorMember)));
        Assert.Equal([Pending, Done], TaskWorkflow.AllowedTargets(InProgress, false, ActorOf(ActorKind.Assignee)));
        Assert.Empty(TaskWorkflow.AllowedTargets(Done, false, ActorOf(ActorKind.Assignee)));
        Assert.Equal([InProgress], TaskWorkflow.AllowedTargets(Done, false, ActorOf(ActorKind.Creator)));
        Assert.Equal([Pending, InProgress], TaskWorkflow.AllowedTargets(Done, false, ActorOf(ActorKind.ManageAny)));
        Assert.Equal([InProgress, Done], TaskWorkflow.AllowedTargets(Pending, false, ActorOf(ActorKind.ManageAny)));
        Assert.Empty(TaskWorkflow.AllowedTargets(Pending, false, ActorOf(ActorKind.Stranger)));
        Assert.Equal([InProgress, Done], TaskWorkflow.AllowedTargets(Pending, true, ActorOf(ActorKind.Creator)));
        Assert.Empty(TaskWorkflow.AllowedTargets(Pending, true, ActorOf(ActorKind.ManageAny)));
    }

    // ---- Apply: side effects ------------------------------------------------------------------------------------

    private static readonly DateTime Now = new(2026, 3, 15, 13, 45, 0, DateTimeKind.Utc);
    private static readonly DateTime Earlier = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private const long CreatorId = 1, AssigneeA = 10, ActorB = 20, CompleterC = 30;

    private static TaskItem Task(TaskItemStatus status, long? assignee = AssigneeA, bool isPrivate = false) => new()
    {
        Id = 99, Title = "Conferir notas", Status = status, AssigneeId = assignee, CreatorId = CreatorId, IsPrivate = isPrivate,
        SectorId = isPrivate ? null : 5,
        StartedAt = status == Pending ? null : Earlier,
        CompletedAt = status == Done ? Earlier : null,
        CompletedById = status == Done ? CompleterC : null,
    };

    [Fact]
    public void Iniciar_makes_the_actor_the_assignee_and_sets_started_at()
    {
        var task = Task(Pending);
        TaskWorkflow.Apply(task, InProgress, ActorB, Now);
        Assert.Equal(InProgress, task.Status);
        Assert.Equal(ActorB, task.AssigneeId);
        Assert.Equal(Now, task.StartedAt);
        Assert.Null(task.CompletedAt);
        Assert.Null(task.CompletedById);
    }

    [Fact]
    public void Iniciar_on_a_private_task_keeps_the_creator_as_assignee()
    {
        var task = Task(Pending, assignee: CreatorId, isPrivate: true);
        TaskWorkflow.Apply(task, InProgress, CreatorId, Now);
        Assert.Equal(CreatorId, task.AssigneeId);
        Assert.Equal(Now, task.StartedAt);
    }

    [Fact]
    public void Concluir_sets_completion_and_keeps_assignee_and_start()
    {
        var task = Task(InProgress);
        TaskWorkflow.Apply(task, Done, ActorB, Now);
        Assert.Equal(Done, task.Status);
        Assert.Equal(Now, task.CompletedAt);
        Assert.Equal(ActorB, task.CompletedById);
        Assert.Equal(AssigneeA, task.AssigneeId);
        Assert.Equal(Earlier, task.StartedAt);
    }

    [Fact]
    public void Voltar_para_pendente_clears_the_assignee_and_the_start()
    {
        var task = Task(InProgress);
        TaskWorkflow.Apply(task, Pending, ActorB, Now);
        Assert.Equal(Pending, task.Status);
        Assert.Null(task.AssigneeId);
        Assert.Null(task.StartedAt);
        Assert.Null(task.CompletedAt);
        Assert.Null(task.CompletedById);
    }

    [Fact]
    public void Voltar_para_pendente_on_a_private_task_keeps_the_creator_assigned()
    {
        var task = Task(InProgress, assignee: CreatorId, isPrivate: true);
        TaskWorkflow.Apply(task, Pending, CreatorId, Now);
        Assert.Equal(CreatorId, task.AssigneeId);
    }

    [Fact]
    public void Reabrir_keeps_the_previous_assignee_and_clears_completion()
    {
        var task = Task(Done);
        TaskWorkflow.Apply(task, InProgress, CreatorId, Now);
        Assert.Equal(InProgress, task.Status);
        Assert.Equal(AssigneeA, task.AssigneeId); // not the actor (the creator)
        Assert.Null(task.CompletedAt);
        Assert.Null(task.CompletedById);
        Assert.Equal(Now, task.StartedAt);
    }

    [Fact]
    public void Reabrir_without_an_assignee_assigns_the_completer()
    {
        var task = Task(Done, assignee: null);
        TaskWorkflow.Apply(task, InProgress, CreatorId, Now);
        Assert.Equal(CompleterC, task.AssigneeId);
        Assert.Null(task.CompletedById);
    }

    [Fact]
    public void Exceptional_moves_have_the_side_effects_of_their_target()
    {
        var straightToDone = Task(Pending);
        TaskWorkflow.Apply(straightToDone, Done, ActorB, Now);
        Assert.Equal(Done, straightToDone.Status);
        Assert.Equal(Now, straightToDone.CompletedAt);
        Assert.Equal(ActorB, straightToDone.CompletedById);

        var backToPending = Task(Done);
        TaskWorkflow.Apply(backToPending, Pending, ActorB, Now);
        Assert.Equal(Pending, backToPending.Status);
        Assert.Null(backToPending.AssigneeId);
        Assert.Null(backToPending.CompletedAt);
        Assert.Null(backToPending.CompletedById);
        Assert.Null(backToPending.StartedAt);
    }

    [Fact]
    public void Labels_are_the_spec_texts()
    {
        Assert.Equal("Pendente", TaskLabels.Status(Pending));
        Assert.Equal("Em andamento", TaskLabels.Status(InProgress));
        Assert.Equal("Concluída", TaskLabels.Status(Done));
        Assert.Equal("Iniciar", TaskLabels.Action(Pending, InProgress));
        Assert.Equal("Concluir", TaskLabels.Action(InProgress, Done));
        Assert.Equal("Voltar para pendente", TaskLabels.Action(InProgress, Pending));
        Assert.Equal("Reabrir", TaskLabels.Action(Done, InProgress));
        Assert.Equal("Baixa", TaskLabels.Priority(TaskPriority.Low));
        Assert.Equal("Média", TaskLabels.Priority(TaskPriority.Medium));
        Assert.Equal("Alta", TaskLabels.Priority(TaskPriority.High));
    }
}
