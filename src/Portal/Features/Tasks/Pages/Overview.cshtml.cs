using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Views;

namespace Portal.Features.Tasks.Pages;

/// <summary>"Visão Geral" (tasks.md §6): every non-private root task the user can see, all sectors together.</summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class OverviewModel(TaskService tasks, TaskQueries queries, SavedViewHandlers savedViews)
    : TaskBoardPageModel(tasks, queries, savedViews)
{
    public static readonly SavedViewList List = new("tasks.overview", "/tarefas/visao-geral", null);

    public override string Title => "Visão Geral";
    public override string Icon => "bi-kanban";
    protected override SavedViewList ViewList => List;
    protected override BoardScope Scope => new(BoardKind.Overview);
    public override string NewTaskUrl => "/tarefas/nova?voltar=" + Uri.EscapeDataString(ReturnUrl);
    public override bool ShowSectorFilter => true;
    public override bool ShowUserFilter => true;
    public override bool ShowDueFilter => true;
    public override bool ShowClientFilter => true;

    protected override async Task<IActionResult?> LoadAsync()
    {
        SectorOptions = await Queries.AllBoardSectorsAsync();
        UserOptions = await Queries.ActiveUsersAsync();
        BoardSectors = await Queries.BoardSectorsAsync(Viewer);
        return null;
    }
}
