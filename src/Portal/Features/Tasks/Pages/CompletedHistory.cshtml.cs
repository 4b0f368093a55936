using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Views;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>"Histórico" (tasks.md §6): completed tasks and subtasks the user can see, newest completion first.</summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class CompletedHistoryModel(TaskService tasks, TaskQueries queries, SavedViewHandlers savedViews, TimeProvider clock) : PageModel
{
    public static readonly SavedViewList List = new("tasks.history", "/tarefas/historico", null);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "setor")] public long? SectorId { get; set; }
    [BindProperty(SupportsGet = true, Name = "atribuidas")] public bool AssignedToMe { get; set; }
    [BindProperty(SupportsGet = true, Name = "criadas")] public bool CreatedByMe { get; set; }
    [BindProperty(SupportsGet = true, Name = "pessoais")] public bool OnlyPrivate { get; set; }
    [BindProperty(SupportsGet = true, Name = "concluidaDe")] public DateOnly? CompletedFrom { get; set; }
    [BindProperty(SupportsGet = true, Name = "concluidaAte")] public DateOnly? CompletedTo { get; set; }
    [BindProperty(SupportsGet = true, Name = "cliente")] public long? ClientId { get; set; }

    public IReadOnlyList<CompletedRow> Rows { get; private set; } = [];
    public IReadOnlyList<BoardOption> SectorOptions { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public SavedViewsPanel SavedViews { get; private set; } = null!;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool ClientsAvailable => tasks.Clients.IsAvailable;
    public ClientRef? SelectedClient { get; private set; }
    public ClientPickerField ClientPicker => new("cliente", "filtro-cliente", "Cliente", ClientId, SelectedClient,
        Help: "Código, CNPJ/CPF ou nome; escolha com as setas e Enter.", ErrorSpan: false);

    public bool HasFilters => !string.IsNullOrWhiteSpace(Text) || SectorId is not null || AssignedToMe || CreatedByMe || OnlyPrivate
        || CompletedFrom is not null || CompletedTo is not null || ClientId is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        SavedViews = await savedViews.PanelAsync(this, List);
        if (await savedViews.ApplyDefaultAsync(this, SavedViews) is { } toDefault) return toDefault;
        var viewer = await tasks.ViewerAsync();
        SectorOptions = await queries.AllBoardSectorsAsync();
        if (ClientId is { } clientId && (await tasks.Clients.GetAsync([clientId])).TryGetValue(clientId, out var client)) SelectedClient = client;

        // "page" is also Razor Pages' own route value, so model binding would never see the query string's.
        var requested = int.TryParse(Request.Query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var filter = new CompletedFilter(SectorId, AssignedToMe, CreatedByMe, OnlyPrivate, CompletedFrom, CompletedTo, ClientId, Text);
        var (rows, total) = await queries.HistoryAsync(viewer, filter, PageInfo.Clamp(requested));
        var pageCount = Math.Max(1, (total + TaskQueries.HistoryPageSize - 1) / TaskQueries.HistoryPageSize);
        var page = Math.Min(PageInfo.Clamp(requested), pageCount);
        if (page != PageInfo.Clamp(requested)) (rows, total) = await queries.HistoryAsync(viewer, filter, page);
        Rows = rows;
        Paging = new PageInfo(page, TaskQueries.HistoryPageSize, total, Request);
        return Page();
    }

    public Task<IActionResult> OnPostSaveViewAsync() => savedViews.SaveAsync(this, List);

    public Task<IActionResult> OnPostDeleteViewAsync() => savedViews.DeleteAsync(this, List);

    public Task<IActionResult> OnPostDefaultViewAsync() => savedViews.MakeDefaultAsync(this, List);

    public Task<IActionResult> OnPostResetViewAsync() => savedViews.ResetAsync(this, List);
}
