using Portal.Platform.Workflows;

namespace Portal.Tests.Unit;

/// <summary>platform.md §7 move rules (PLT-16) as pure functions.</summary>
public sealed class WorkflowRulesTests
{
    private static (WorkflowDefinition Def, WorkflowState A, WorkflowState B, WorkflowState C) Pipeline(bool any = false)
    {
        var a = new WorkflowState { Id = 1, Code = "a", Label = "Recebido", IsInitial = true, SortOrder = 1 };
        var b = new WorkflowState { Id = 2, Code = "b", Label = "Em revisão", SortOrder = 2, EnterPermission = "closing.review" };
        var c = new WorkflowState { Id = 3, Code = "c", Label = "Concluído", SortOrder = 3, IsFinal = true };
        var def = new WorkflowDefinition { Key = "t", AllowAnyTransition = any, States = [a, b, c] };
        def.Transitions.Add(new WorkflowTransition { FromStateId = 1, ToStateId = 2 });
        def.Transitions.Add(new WorkflowTransition { FromStateId = 2, ToStateId = 3, RequiredPermission = "closing.edit" });
        return (def, a, b, c);
    }

    [Fact]
    public void Move_without_a_transition_row_is_refused()
    {
        var (def, a, _, c) = Pipeline();
        Assert.False(WorkflowRules.CanMove(def, a, c, hasEditPermission: true, _ => true));
        Assert.Equal("Transição não permitida.", WorkflowRules.NotAllowedMessage);
    }

    [Fact]
    public void Allow_any_transition_skips_the_rows_but_not_state_permissions()
    {
        var (def, a, b, c) = Pipeline(any: true);
        Assert.True(WorkflowRules.CanMove(def, a, c, true, _ => false));
        Assert.False(WorkflowRules.CanMove(def, a, b, true, _ => false)); // b needs closing.review to enter
        Assert.True(WorkflowRules.CanMove(def, a, b, true, p => p == "closing.review"));
    }

    [Fact]
    public void Required_and_state_permissions_and_edit_permission_are_all_needed()
    {
        var (def, a, b, c) = Pipeline();
        Assert.False(WorkflowRules.CanMove(def, a, b, hasEditPermission: false, _ => true));
        Assert.False(WorkflowRules.CanMove(def, b, c, true, p => p == "closing.review"));
        Assert.True(WorkflowRules.CanMove(def, b, c, true, p => p == "closing.edit"));
        b.LeavePermission = "closing.configure";
        Assert.False(WorkflowRules.CanMove(def, b, c, true, p => p == "closing.edit"));
    }

    [Fact]
    public void Inactive_or_same_state_is_never_a_target_and_allowed_targets_follow_the_rules()
    {
        var (def, a, b, _) = Pipeline(any: true);
        Assert.False(WorkflowRules.CanMove(def, a, a, true, _ => true));
        b.IsActive = false;
        Assert.False(WorkflowRules.CanMove(def, a, b, true, _ => true));
        Assert.Equal(["c"], WorkflowRules.AllowedTargets(def, a, true, _ => true).Select(s => s.Code));
    }
}
