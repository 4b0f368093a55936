using Portal.Platform.Authorization;
using Portal.Platform.Views;

namespace Portal.Features.Tasks.Pages;

/// <summary>"Somente para mim" (tasks.md §6): the user's private tasks, on the same board as the others.</summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class PersonalTasksModel(TaskService tasks, TaskQueries queries, SavedViewHandlers savedViews)
    : TaskBoardPageModel(tasks, queries, savedViews)
{
    public static readonly SavedViewList List = new("tasks.personal", "/tarefas/pessoais", null);

    public override string Title => "Somente para mim";
    public override string Icon => "bi-lock";
    protected override SavedViewList ViewList => List;
    protected override BoardScope Scope => new(BoardKind.Personal);
    public override string NewTaskUrl => "/tarefas/nova?pessoal=1&voltar=" + Uri.EscapeDataString(ReturnUrl);
    protected override string EmptyHint => "Nenhuma tarefa pessoal pendente. Clique em “Nova tarefa” para anotar um lembrete só seu.";
    protected override string? HistoryUrl => "/tarefas/historico?pessoais=true";
    public override bool ShowDueFilter => true;
    public override bool ShowClientFilter => true;
}
