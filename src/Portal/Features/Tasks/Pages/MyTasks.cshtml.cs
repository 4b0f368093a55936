using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Views;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// "Minhas tarefas" (tasks.md §6): non-private root tasks the user created, is assigned to or follows; optionally
/// also every task of their sectors.
/// </summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class MyTasksModel(TaskService tasks, TaskQueries queries, SavedViewHandlers savedViews)
    : TaskBoardPageModel(tasks, queries, savedViews)
{
    public static readonly SavedViewList List = new("tasks.mine", "/tarefas/minhas", null);

    [BindProperty(SupportsGet = true, Name = "setores")] public bool WithMySectors { get; set; }

    public override string Title => "Minhas tarefas";
    public override string Icon => "bi-person-check";
    protected override SavedViewList ViewList => List;
    protected override BoardScope Scope => new(BoardKind.Mine, IncludeMySectors: WithMySectors);
    public override string NewTaskUrl => "/tarefas/nova?voltar=" + Uri.EscapeDataString(ReturnUrl);
    protected override string EmptyHint => "Nenhuma tarefa pendente sua. Crie uma tarefa ou marque “Incluir tarefas dos meus setores”.";
    public override bool ShowSectorFilter => true;
    public override bool ShowUserFilter => true;
    public override bool ShowDueFilter => true;
    public override bool ShowClientFilter => true;
    public override bool ShowIncludeSectors => true;
    public override bool IncludeMySectors => WithMySectors;

    protected override async Task<IActionResult?> LoadAsync()
    {
        SectorOptions = await Queries.BoardSectorsAsync(Viewer, ownOnly: true);
        UserOptions = await Queries.ActiveUsersAsync();
        return null;
    }
}
