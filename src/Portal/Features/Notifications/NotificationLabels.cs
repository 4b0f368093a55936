using Portal.Platform.Contracts;

namespace Portal.Features.Notifications;

/// <summary>pt-BR names and icons of the categories (the enum keeps the spec's ASCII codes).</summary>
public static class NotificationLabels
{
    public static string Category(NotificationCategory c) => c switch
    {
        NotificationCategory.Societario => "Societário",
        NotificationCategory.Reunioes => "Reuniões",
        _ => c.ToString(),
    };

    public static string Icon(NotificationCategory c) => c switch
    {
        NotificationCategory.Tarefas => "bi-kanban",
        NotificationCategory.Clientes => "bi-building",
        NotificationCategory.Encerramento => "bi-calendar-check",
        NotificationCategory.Societario => "bi-briefcase",
        NotificationCategory.Reunioes => "bi-people",
        NotificationCategory.Agenda => "bi-calendar-event",
        NotificationCategory.Mural => "bi-megaphone",
        NotificationCategory.Comunicados => "bi-envelope-paper",
        NotificationCategory.Conhecimento => "bi-book",
        NotificationCategory.Financeiro => "bi-cash-coin",
        NotificationCategory.Diretoria => "bi-person-badge",
        _ => "bi-gear",
    };

    /// <summary>The badge never grows past "99+" (notifications.md §6).</summary>
    public static string Badge(int unread) => unread > 99 ? "99+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
