using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Platform.Time;

namespace Portal.Features.Tasks.Pages;

/// <summary>How statuses, priorities, sizes and history lines look on the task screens (UI.md: badge + icon, never colour alone).</summary>
public static partial class TaskDisplay
{
    public static string StatusClass(TaskItemStatus s) => s switch
    {
        TaskItemStatus.Pending => "badge badge-status-pendente",
        TaskItemStatus.InProgress => "badge badge-status-andamento",
        _ => "badge badge-status-concluida",
    };

    public static string StatusIcon(TaskItemStatus s) => s switch
    {
        TaskItemStatus.Pending => "bi-circle",
        TaskItemStatus.InProgress => "bi-play-circle",
        _ => "bi-check-circle",
    };

    public static string PriorityClass(TaskPriority p) => p switch
    {
        TaskPriority.High => "badge border border-danger text-danger-emphasis",
        TaskPriority.Medium => "badge border border-warning text-warning-emphasis",
        _ => "badge border border-secondary text-secondary-emphasis",
    };

    public static string PriorityIcon(TaskPriority p) => p switch
    {
        TaskPriority.High => "bi-arrow-up",
        TaskPriority.Medium => "bi-dash",
        _ => "bi-arrow-down",
    };

    public static string ActionIcon(TaskItemStatus to) => to switch
    {
        TaskItemStatus.InProgress => "bi-play-fill",
        TaskItemStatus.Done => "bi-check-lg",
        _ => "bi-arrow-counterclockwise",
    };

    public static bool IsOverdue(DateOnly? due, TaskItemStatus status, DateOnly today) =>
        due is { } d && status != TaskItemStatus.Done && d < today;

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", Culture.PtBr) + " KB",
        _ => (bytes / (1024d * 1024)).ToString("0.#", Culture.PtBr) + " MB",
    };

    public static string FileIcon(string contentType) => contentType switch
    {
        "application/pdf" => "bi-file-earmark-pdf",
        var t when t.StartsWith("image/", StringComparison.Ordinal) => "bi-file-earmark-image",
        var t when t.Contains("sheet", StringComparison.Ordinal) || t.Contains("excel", StringComparison.Ordinal) || t == "text/csv" => "bi-file-earmark-spreadsheet",
        var t when t.Contains("word", StringComparison.Ordinal) || t.Contains("text", StringComparison.Ordinal) => "bi-file-earmark-text",
        "application/zip" => "bi-file-earmark-zip",
        _ => "bi-file-earmark",
    };

    /// <summary>History values name people "Nome (#id)" for traceability; the screen shows the name.</summary>
    public static string? Value(string? value) => value is null ? null : PersonSuffix().Replace(value, "");

    /// <summary>One history line in pt-BR, e.g. "alterou Prioridade: Média → Alta".</summary>
    public static string HistoryText(HistoryRow h)
    {
        var (old, @new) = (Value(h.OldValue), Value(h.NewValue));
        return h.Kind switch
        {
            TaskHistoryKind.Created => "criou a tarefa",
            TaskHistoryKind.StatusChanged => $"mudou o status: {old} → {@new}",
            TaskHistoryKind.Transferred => $"transferiu de {old ?? "(sem setor)"} para {@new}",
            TaskHistoryKind.AttachmentAdded => $"anexou {@new}",
            TaskHistoryKind.AttachmentRemoved => $"removeu o anexo {old}",
            TaskHistoryKind.FollowerAdded => $"incluiu {@new} como acompanhante",
            TaskHistoryKind.FollowerRemoved => $"retirou {old} dos acompanhantes",
            TaskHistoryKind.CommentDeleted => $"removeu o comentário {old}",
            _ when old is null && @new is null => $"alterou {h.Field}",
            _ => $"alterou {h.Field}: {old ?? "(vazio)"} → {@new ?? "(vazio)"}",
        };
    }

    public static string Plural(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    [GeneratedRegex(@" \(#\d+\)")]
    private static partial Regex PersonSuffix();
}
