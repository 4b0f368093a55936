using Portal.Platform.Contracts;
using Portal.Platform.Ops.Import;

namespace Portal.Features.Notifications;

/// <summary>
/// task_notifications of the original (used for every kind of notification): only unread ones of the last 60 days
/// come over (operations.md §9.3), with links rebuilt to the imported tasks. Older or read ones are counted as skipped.
/// </summary>
public sealed class NotificationsLegacyImport : ILegacyImportStep
{
    public const int RecentDays = 60;

    public int Order => 60;

    public async Task RunAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("task_notifications", ct);
        var report = ctx.Report.For("task_notifications → notificações");
        report.Source = rows.Count;
        var since = ctx.NowUtc.AddDays(-RecentDays);
        var pending = new List<(LegacyRow Row, Notification Notification)>();
        foreach (var row in rows)
        {
            var recipient = ctx.UserId(row.Number("user_id"));
            var created = row.Utc("created_at");
            if (row["read_at"] is not null || created is null || created < since || recipient is null
                || ctx.TargetOf("task_notifications", row.Id, "Notification") is not null)
            {
                report.Skipped++;
                continue;
            }
            var type = row.Text("type")?.ToLowerInvariant() ?? "task";
            var task = row.Number("task_id") is { } legacyTask ? ctx.TargetOf("tasks", legacyTask, "TaskItem") : null;
            var (eventType, category, title) = type switch
            {
                "task_response" => ("task.comment_created", NotificationCategory.Tarefas, "Nova resposta"),
                "task_status" => ("task.status_changed", NotificationCategory.Tarefas, "Situação da tarefa alterada"),
                "announcement" => ("announcement.published", NotificationCategory.Mural, "Novo comunicado"),
                "client_announcement" => ("client_comm.published", NotificationCategory.Comunicados, "Comunicado a clientes"),
                "recurring_invoice" => ("billing.recurring_due", NotificationCategory.Financeiro, "Nota recorrente"),
                "inventario" => ("closing.updated", NotificationCategory.Encerramento, "Inventário"),
                _ => ("task.updated", NotificationCategory.Tarefas, "Tarefa"),
            };
            var message = row.Text("message") ?? title;
            var notification = new Notification
            {
                RecipientId = recipient.Value,
                EventType = eventType,
                Category = category,
                Title = title,
                Body = message.Length > Notification.BodyMax ? message[..Notification.BodyMax] : message,
                Link = task is { } t ? $"/tarefas/{t}" : "/notificacoes",
                SourceType = task is null ? null : "task",
                SourceId = task,
                DedupKey = $"legacy:{row.Id}",
                CreatedAt = created.Value,
            };
            ctx.Db.Notifications.Add(notification);
            pending.Add((row, notification));
            report.Imported++;
        }
        await ctx.Db.SaveChangesAsync(ct);
        foreach (var (row, n) in pending) ctx.Remember("task_notifications", row.Id, "Notification", n.Id);
        await ctx.SaveAsync(ct);
    }
}
