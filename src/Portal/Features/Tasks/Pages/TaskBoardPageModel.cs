using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Contracts;
using Portal.Platform.Views;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// The four boards (setor, visão geral, minhas, pessoais) share filters, columns, "Carregar mais", status changes
/// from cards and drag-and-drop (tasks.md §5–6, §10), and saved views. Each page says which tasks it shows
/// (<see cref="Scope"/>) and which filters it offers.
/// </summary>
public abstract class TaskBoardPageModel(TaskService tasks, TaskQueries queries, SavedViewHandlers savedViews) : PageModel
{
    /// <summary>Values that say where the user is, not what they filter: never in links, saved views or forms.</summary>
    private static readonly HashSet<string> TransientKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "handler", "coluna", "skip", "destaque", "page", "view", "__RequestVerificationToken", "id", "to", "expected",
    };

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "prioridade")] public TaskPriority? Priority { get; set; }
    [BindProperty(SupportsGet = true, Name = "setor")] public long? SectorFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "usuario")] public List<long> UserIds { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "entregaDe")] public DateOnly? DueFrom { get; set; }
    [BindProperty(SupportsGet = true, Name = "entregaAte")] public DateOnly? DueTo { get; set; }
    [BindProperty(SupportsGet = true, Name = "cliente")] public long? ClientId { get; set; }
    [BindProperty(SupportsGet = true, Name = "atribuidas")] public bool AssignedToMe { get; set; }
    [BindProperty(SupportsGet = true, Name = "destaque")] public long? HighlightId { get; set; }

    protected TaskQueries Queries => queries;
    public TaskViewer Viewer { get; private set; } = null!;
    public BoardView Board { get; private set; } = null!;
    public SavedViewsPanel SavedViews { get; private set; } = null!;
    public IReadOnlyList<BoardOption> SectorOptions { get; protected set; } = [];
    public IReadOnlyList<BoardOption> UserOptions { get; protected set; } = [];
    /// <summary>Sector boards the viewer may open (the "Quadros dos setores" picker).</summary>
    public IReadOnlyList<BoardOption> BoardSectors { get; protected set; } = [];
    public string? FilterWarning { get; private set; }

    public bool ClientsAvailable => tasks.Clients.IsAvailable;
    public ClientRef? SelectedClient { get; private set; }
    public ClientPickerField ClientPicker => new("cliente", "filtro-cliente", "Cliente", ClientId, SelectedClient,
        Help: "Código, CNPJ/CPF ou nome; escolha com as setas e Enter.", ErrorSpan: false);

    public abstract string Title { get; }
    public abstract string Icon { get; }
    protected abstract SavedViewList ViewList { get; }
    protected abstract BoardScope Scope { get; }
    public abstract string NewTaskUrl { get; }
    protected virtual string EmptyHint => "Nenhuma tarefa pendente. Clique em “Nova tarefa” para criar a primeira.";
    protected virtual string? HistoryUrl => "/tarefas/historico";

    public virtual bool ShowSectorFilter => false;
    public virtual bool ShowUserFilter => false;
    public virtual bool ShowDueFilter => false;
    public virtual bool ShowClientFilter => false;
    public virtual bool ShowAssignedToMe => false;
    public virtual bool ShowIncludeSectors => false;
    public virtual bool IncludeMySectors => false;

    public bool HasFilters => !string.IsNullOrWhiteSpace(Text) || Priority is not null || (ShowSectorFilter && SectorFilter is not null)
        || (ShowUserFilter && UserIds.Count > 0) || (ShowDueFilter && (DueFrom is not null || DueTo is not null))
        || (ShowClientFilter && ClientId is not null) || (ShowAssignedToMe && AssignedToMe) || (ShowIncludeSectors && IncludeMySectors);

    /// <summary>The page path and its current filters (the "voltar" of links to the task pages).</summary>
    public string ReturnUrl => Board.BoardUrl();

    protected virtual BoardFilter Filter => new(
        ShowSectorFilter ? SectorFilter : null, Priority, Text, ShowUserFilter ? UserIds : null,
        ShowDueFilter ? DueFrom : null, ShowDueFilter ? DueTo : null, ShowClientFilter ? ClientId : null,
        ShowAssignedToMe && AssignedToMe);

    /// <summary>Loads what the page needs besides the board; a result (404) ends the request.</summary>
    protected virtual Task<IActionResult?> LoadAsync() => Task.FromResult<IActionResult?>(null);

    private bool IsHtmx => Request.Headers["HX-Request"] == "true";

    private async Task<IActionResult?> PrepareAsync()
    {
        Viewer = await tasks.ViewerAsync();
        if (ShowClientFilter && ClientId is { } clientId && (await tasks.Clients.GetAsync([clientId])).TryGetValue(clientId, out var client))
            SelectedClient = client;
        if (UserIds.Count > TaskQueries.MaxUserFilters)
        {
            UserIds = UserIds.Take(TaskQueries.MaxUserFilters).ToList();
            FilterWarning = "Escolha no máximo 2 pessoas: o filtro usa as duas primeiras.";
        }
        return await LoadAsync();
    }

    private string FilterQuery()
    {
        var builder = new QueryBuilder();
        foreach (var (key, values) in Request.Query)
        {
            if (TransientKeys.Contains(key)) continue;
            foreach (var value in values)
                if (!string.IsNullOrEmpty(value)) builder.Add(key, value);
        }
        return builder.ToQueryString().Value?.TrimStart('?') ?? "";
    }

    private async Task LoadBoardAsync(long? highlight)
    {
        var data = await queries.BoardAsync(Viewer, Scope, Filter);
        Board = new BoardView
        {
            Data = data,
            PagePath = Request.Path,
            FilterQuery = FilterQuery(),
            HistoryUrl = HistoryUrl,
            HighlightId = highlight,
            EmptyHint = EmptyHint,
            Filtered = HasFilters,
            SectorId = Scope.Kind == BoardKind.Sector ? Scope.SectorId : null,
            CardsKey = data.CacheKey,
        };
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await PrepareAsync() is { } stop) return stop;
        var panel = await savedViews.PanelAsync(this, ViewList);
        if (await savedViews.ApplyDefaultAsync(this, panel) is { } toDefault) return toDefault;
        // A highlighted card is where the user came from, not a filter: keep it out of saved views.
        SavedViews = new SavedViewsPanel
        {
            List = panel.List, Views = panel.Views, Query = FilterQuery(), ActiveViewId = panel.ActiveViewId,
            ShareRoles = panel.ShareRoles, Error = panel.Error, AttemptedName = panel.AttemptedName,
            AttemptedDefault = panel.AttemptedDefault,
        };
        await LoadBoardAsync(HighlightId);
        return Page();
    }

    /// <summary>
    /// The board alone (htmx), refreshed by tasks-board.js when the real-time stream reports a change (tasks.md §8).
    /// A background refresh never shows a toast: a board that became unavailable just stays as it is (204).
    /// </summary>
    public async Task<IActionResult> OnGetBoardAsync()
    {
        if (await PrepareAsync() is { } stop) return IsHtmx ? new NoContentResult() : stop;
        await LoadBoardAsync(null);
        return Partial("_Board", Board);
    }

    /// <summary>"Carregar mais" (htmx): the next 50 cards of an open column and the next button.</summary>
    public async Task<IActionResult> OnGetColumnAsync(TaskItemStatus coluna, int skip)
    {
        if (await PrepareAsync() is { } stop)
            return IsHtmx ? Answer(StatusCodes.Status404NotFound, "Este quadro não está disponível para você.", "danger") : stop;
        if (coluna == TaskItemStatus.Done || !Enum.IsDefined(coluna)) return BadRequest();
        var page = await queries.ColumnAsync(Viewer, queries.BoardTasks(Viewer, Scope, Filter), coluna, skip);
        var board = new BoardView
        {
            Data = new BoardData(page, page, page), PagePath = Request.Path, FilterQuery = FilterQuery(),
            HighlightId = HighlightId,
        };
        return Partial("_BoardMore", new BoardMore(board, page));
    }

    /// <summary>
    /// Status buttons and drag-and-drop (tasks.md §4, §10): the same service call as the detail page. htmx gets the
    /// board back (also on 409, so the card shows where it really is) and a toast; without JavaScript, PRG.
    /// </summary>
    public async Task<IActionResult> OnPostStatusAsync(long id, TaskItemStatus to, TaskItemStatus? expected)
    {
        if (await PrepareAsync() is { } stop)
            return IsHtmx ? Answer(StatusCodes.Status404NotFound, "Este quadro não está disponível para você.", "danger") : stop;
        var result = await tasks.ChangeStatusAsync(id, to, expected);
        var (status, message, kind) = result.Outcome switch
        {
            TaskOutcome.Ok => (StatusCodes.Status200OK, $"Status alterado para {TaskLabels.Status(to)}.", "success"),
            TaskOutcome.StatusChanged => (StatusCodes.Status409Conflict, result.Message!, "warning"),
            TaskOutcome.InvalidTransition => (StatusCodes.Status400BadRequest, TaskMessages.InvalidTransition, "danger"),
            TaskOutcome.Forbidden => (StatusCodes.Status403Forbidden, "Você não tem permissão para mudar o status desta tarefa.", "danger"),
            TaskOutcome.NotFound => (StatusCodes.Status404NotFound, "Tarefa não encontrada.", "danger"),
            _ => (StatusCodes.Status400BadRequest, result.Message ?? TaskMessages.InvalidTransition, "danger"),
        };
        var showCard = status is StatusCodes.Status200OK or StatusCodes.Status409Conflict;
        if (!IsHtmx)
        {
            TempData.Toast(message, kind);
            await LoadBoardAsync(null);
            return Redirect(Board.BoardUrl(showCard ? id : null));
        }

        if (!showCard) return Answer(status, message, kind);
        Toast(status, message, kind);
        await LoadBoardAsync(id);
        return Partial("_Board", Board);
    }

    private void Toast(int status, string message, string kind)
    {
        // JSON's default escaping keeps the header ASCII-only (Kestrel refuses other header bytes).
        Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new { toast = new { message, kind } });
        Response.StatusCode = status;
    }

    /// <summary>An htmx error answer: the toast, and a body so the status-code error page stays away.</summary>
    private ContentResult Answer(int status, string message, string kind)
    {
        Toast(status, message, kind);
        return Content(message, "text/plain; charset=utf-8");
    }

    public Task<IActionResult> OnPostSaveViewAsync() => savedViews.SaveAsync(this, ViewList);

    public Task<IActionResult> OnPostDeleteViewAsync() => savedViews.DeleteAsync(this, ViewList);

    public Task<IActionResult> OnPostDefaultViewAsync() => savedViews.MakeDefaultAsync(this, ViewList);

    public Task<IActionResult> OnPostResetViewAsync() => savedViews.ResetAsync(this, ViewList);
}
