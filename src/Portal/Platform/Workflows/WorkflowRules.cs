namespace Portal.Platform.Workflows;

/// <summary>
/// The pure move rule of platform.md §7, so every module that uses configurable pipelines decides the same way.
/// </summary>
public static class WorkflowRules
{
    public const string NotAllowedMessage = "Transição não permitida.";

    public static bool CanMove(
        WorkflowDefinition definition, WorkflowState from, WorkflowState to,
        bool hasEditPermission, Func<string, bool> hasPermission)
    {
        if (!hasEditPermission || from.Id == to.Id || !to.IsActive) return false;
        if (!Holds(from.LeavePermission, hasPermission) || !Holds(to.EnterPermission, hasPermission)) return false;
        if (definition.AllowAnyTransition) return true;
        var transition = definition.Transitions.FirstOrDefault(t => t.FromStateId == from.Id && t.ToStateId == to.Id);
        return transition is not null && Holds(transition.RequiredPermission, hasPermission);
    }

    /// <summary>Targets offered in the UI: only the states the user may actually move to.</summary>
    public static IEnumerable<WorkflowState> AllowedTargets(
        WorkflowDefinition definition, WorkflowState from, bool hasEditPermission, Func<string, bool> hasPermission) =>
        definition.States.Where(s => CanMove(definition, from, s, hasEditPermission, hasPermission)).OrderBy(s => s.SortOrder);

    private static bool Holds(string? permission, Func<string, bool> hasPermission) =>
        string.IsNullOrEmpty(permission) || hasPermission(permission);
}
