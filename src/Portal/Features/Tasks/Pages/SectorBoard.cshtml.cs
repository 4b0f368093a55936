using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Views;

namespace Portal.Features.Tasks.Pages;

/// <summary>A sector's board (tasks.md §6): members or tasks.view_all; 404 for an inactive sector or one without a board.</summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class SectorBoardModel(TaskService tasks, TaskQueries queries, SavedViewHandlers savedViews)
    : TaskBoardPageModel(tasks, queries, savedViews)
{
    [BindProperty(SupportsGet = true)] public long SectorId { get; set; }

    public BoardOption Sector { get; private set; } = null!;

    private string BoardPath => "/tarefas/setor/" + SectorId.ToString(CultureInfo.InvariantCulture);

    public override string Title => Sector.Name;
    public override string Icon => "bi-kanban";
    // Views belong to one sector's board: "Atribuídas a mim no Fiscal" means nothing on another board.
    protected override SavedViewList ViewList => new("tasks.sector." + SectorId.ToString(CultureInfo.InvariantCulture), BoardPath, null);
    protected override BoardScope Scope => new(BoardKind.Sector, SectorId);
    public override string NewTaskUrl => $"/tarefas/nova?setor={SectorId.ToString(CultureInfo.InvariantCulture)}&voltar={Uri.EscapeDataString(ReturnUrl)}";
    protected override string EmptyHint => "Nenhuma tarefa pendente. Clique em “Nova tarefa” para criar a primeira tarefa do setor.";
    protected override string? HistoryUrl => "/tarefas/historico?setor=" + SectorId.ToString(CultureInfo.InvariantCulture);
    public override bool ShowAssignedToMe => true;

    protected override async Task<IActionResult?> LoadAsync()
    {
        if (await Queries.SectorBoardAsync(Viewer, SectorId) is not { } sector) return NotFound();
        Sector = sector;
        BoardSectors = await Queries.BoardSectorsAsync(Viewer);
        return null;
    }
}
