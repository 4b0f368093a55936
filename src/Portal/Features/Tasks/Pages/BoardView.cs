using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// What <c>_Board.cshtml</c> renders: the three columns plus the addresses its htmx requests use. Every address keeps
/// the page's filters, so "Carregar mais" and a status change answer for the same board the user is looking at.
/// </summary>
public sealed class BoardView
{
    public required BoardData Data { get; init; }
    /// <summary>The page path and its filters, without handler/paging/highlight values.</summary>
    public required string PagePath { get; init; }
    public required string FilterQuery { get; init; }
    public string? HistoryUrl { get; init; }
    public long? HighlightId { get; init; }
    /// <summary>Shown in an empty Pendente column: what to do next.</summary>
    public string EmptyHint { get; init; } = "";
    public bool Filtered { get; init; }

    /// <summary>The sector of a sector board: its live refresh also reacts to tasks arriving from elsewhere.</summary>
    public long? SectorId { get; init; }

    public string StatusUrl => Url("Status");

    /// <summary>The status change of one card's button: everything in the address, the token in the board's shared form.</summary>
    public string MoveUrl(TaskCard card, TaskItemStatus to) => Url("Status", ("id", card.Id.ToString(CultureInfo.InvariantCulture)),
        ("to", to.ToString()), ("expected", card.Status.ToString()));

    /// <summary>Where rendered card markup is cached (<see cref="BoardFragments"/>); null renders every time.</summary>
    public string? CardsKey { get; init; }

    /// <summary>The board re-rendered with the same filters (live refresh).</summary>
    public string RefreshUrl => Url("Board");

    public string MoreUrl(ColumnPage column) => Url("Column", ("coluna", column.Status.ToString()),
        ("skip", column.Shown.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The board itself (PRG target without JavaScript), optionally highlighting a card.</summary>
    public string BoardUrl(long? highlight = null) => highlight is { } id
        ? Combine(PagePath, FilterQuery, [("destaque", id.ToString(CultureInfo.InvariantCulture))])
        : Combine(PagePath, FilterQuery, []);

    private string Url(string handler, params (string Key, string Value)[] extra) =>
        Combine(PagePath, FilterQuery, [.. extra, ("handler", handler)]);

    private static string Combine(string path, string query, (string Key, string Value)[] extra)
    {
        var builder = new QueryBuilder();
        foreach (var (key, value) in extra) builder.Add(key, value);
        var tail = builder.ToQueryString().Value?.TrimStart('?') ?? "";
        var all = string.Join('&', new[] { query, tail }.Where(p => p.Length > 0));
        return all.Length == 0 ? path : path + "?" + all;
    }

    public static string ColumnId(TaskItemStatus status) => status switch
    {
        TaskItemStatus.Pending => "pendente",
        TaskItemStatus.InProgress => "andamento",
        _ => "concluida",
    };

    public static string StatusBadge(TaskItemStatus status) => "badge-status-" + ColumnId(status);

    public static string PriorityBadge(TaskPriority p) => p switch
    {
        TaskPriority.High => "border border-danger text-danger",
        TaskPriority.Medium => "border border-warning text-warning-emphasis",
        _ => "border border-secondary text-secondary",
    };

    public static string PriorityIcon(TaskPriority p) => p switch
    {
        TaskPriority.High => "bi-chevron-double-up",
        TaskPriority.Medium => "bi-dash",
        _ => "bi-chevron-down",
    };

    public static string ActionIcon(TaskItemStatus from, TaskItemStatus to) => (from, to) switch
    {
        (TaskItemStatus.Done, TaskItemStatus.InProgress) => "bi-arrow-counterclockwise",
        (_, TaskItemStatus.InProgress) => "bi-play-fill",
        (_, TaskItemStatus.Done) => "bi-check2",
        _ => "bi-arrow-left",
    };

    public static string DueClass(BoardDue due) => due switch
    {
        BoardDue.Overdue => "text-bg-danger",
        BoardDue.Soon => "task-due-soon",
        _ => "text-bg-light border",
    };

    public static string DueTitle(BoardDue due) => due switch
    {
        BoardDue.Overdue => "Data de entrega (atrasada)",
        BoardDue.Soon => "Data de entrega (nos próximos 2 dias)",
        _ => "Data de entrega",
    };

    /// <summary>What "Concluir" asks when subtasks are still open (tasks.md §4), on cards and the detail page; null when none are.</summary>
    public static string? DoneConfirm(int openSubtasks) => openSubtasks switch
    {
        <= 0 => null,
        1 => "Esta tarefa possui 1 subtarefa aberta. Concluir mesmo assim?",
        var n => $"Esta tarefa possui {n} subtarefas abertas. Concluir mesmo assim?",
    };
}

/// <summary>"Carregar mais": the next cards of a column and, when more remain, the next button.</summary>
public sealed record BoardMore(BoardView Board, ColumnPage Column);

/// <summary>Cards of one column (the cards need the board's addresses for their status forms).</summary>
public sealed record BoardCards(BoardView Board, IReadOnlyList<TaskCard> Cards);
