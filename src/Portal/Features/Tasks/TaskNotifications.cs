using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.Time;

namespace Portal.Features.Tasks;

/// <summary>
/// Task events as notification events (tasks.md §7; ADR-010): this module names the people of the task, the facts the
/// rules test and the pt-BR messages; the notification rules (data) choose the recipients. Only people who can see
/// the task (<see cref="TaskAudience"/>) are ever told — so private-task events reach the creator alone.
/// </summary>
public sealed class TaskNotifications(PortalDb db, INotificationPublisher notifications) : IDomainEventHandler<ITaskEvent>
{
    public const string SourceType = "task";

    public async Task HandleAsync(ITaskEvent e, CancellationToken ct)
    {
        if (e is TaskDeleted deleted) await notifications.RemoveForSourcesAsync(SourceType, deleted.DeletedIds, ct);
        var t = e.Task;
        var people = new Dictionary<string, IReadOnlyCollection<long>>
        {
            ["creator"] = [t.CreatorId],
            ["assignee"] = t.AssigneeId is { } a ? [a] : [],
            ["followers"] = t.FollowerIds,
            ["participants"] = e is TaskCommentCreated c ? c.ParticipantIds : [.. t.FollowerIds.Append(t.CreatorId).Concat(t.AssigneeId is { } x ? [x] : [])],
            ["sector_members"] = await SectorMembersAsync(t, ct),
        };
        if (e is TaskAssigned { PreviousAssigneeId: { } previous }) people["previous_assignee"] = [previous];
        var facts = new Dictionary<string, string>
        {
            ["hasAssignee"] = t.AssigneeId is null ? "false" : "true",
            ["isPrivate"] = t.IsPrivate ? "true" : "false",
        };
        if (e is TaskStatusChanged s) facts["transition"] = Transition(s.From, s.To);

        var audience = await TaskAudience.ForAsync(db, e, ct);
        await notifications.PublishAsync(new NotificationEvent(e.Type, EventKey(e), NotificationCategory.Tarefas, e.ActorId, SourceType,
            t.TaskId, Messages(e), people, facts, audience), ct);
    }

    private async Task<IReadOnlyCollection<long>> SectorMembersAsync(TaskSnapshot t, CancellationToken ct) =>
        t.SectorId is not { } sector || t.IsPrivate ? []
        : await db.SectorMemberships.Where(m => m.SectorId == sector && m.Sector.IsActive).Select(m => m.UserId).ToListAsync(ct);

    /// <summary>One occurrence each: the version after the change tells two edits of the same task apart.</summary>
    private static string EventKey(ITaskEvent e) => e switch
    {
        TaskCreated or TaskDeleted => e.Task.TaskId.ToString(CultureInfo.InvariantCulture),
        TaskCommentCreated c => "comment-" + c.CommentId.ToString(CultureInfo.InvariantCulture),
        _ => $"{e.Task.TaskId}:v{e.Task.Version}",
    };

    private static string Transition(TaskItemStatus from, TaskItemStatus to) => (from, to) switch
    {
        (TaskItemStatus.Done, TaskItemStatus.InProgress) => "reopened",
        (_, TaskItemStatus.InProgress) => "started",
        (_, TaskItemStatus.Done) => "completed",
        _ => "returned",
    };

    private static Dictionary<string, NotificationMessage> Messages(ITaskEvent e)
    {
        var t = e.Task;
        var title = $"“{t.Title}”";
        var board = t.IsPrivate ? $"/tarefas/pessoais?destaque={t.TaskId}" : $"/tarefas/setor/{t.SectorId}?destaque={t.TaskId}";
        var actor = e.ActorName;
        NotificationMessage Of(string heading, string body, string? link = null) => new(heading, body, link ?? board);
        var messages = new Dictionary<string, NotificationMessage>();
        messages[NotificationEvent.DefaultMessage] = e switch
        {
            TaskCreated when t.AssigneeId is not null => Of("Tarefa atribuída a você", $"{actor} atribuiu a você a tarefa {title}"),
            TaskCreated => Of($"Nova tarefa no setor {t.SectorName}", $"Nova tarefa no setor {t.SectorName}: {title}"),
            TaskAssigned => Of("Tarefa atribuída a você", $"{actor} atribuiu a você a tarefa {title}"),
            TaskTransferred => Of("Tarefa transferida", $"{actor} transferiu a tarefa {title} para o setor {t.SectorName}"),
            TaskUpdated => Of("Tarefa editada", $"{actor} editou a tarefa {title}"),
            TaskStatusChanged s => StatusMessage(s, actor, title, board),
            TaskCommentCreated => Of("Nova resposta", $"{actor} respondeu na tarefa {title}", $"/tarefas/{t.TaskId}#conversa"),
            TaskDeleted => Of("Tarefa excluída", $"{actor} excluiu a tarefa {title}",
                t.IsPrivate ? "/tarefas/pessoais" : $"/tarefas/setor/{t.SectorId}"),
            _ => Of("Tarefa alterada", $"{actor} alterou a tarefa {title}"),
        };
        if (e is TaskAssigned assigned)
            messages["previous_assignee"] = assigned.NewAssigneeName is { } name
                ? Of("Tarefa transferida", $"{actor} transferiu a tarefa {title} para {name}")
                : Of("Tarefa sem responsável", $"{actor} retirou o responsável da tarefa {title}");
        return messages;
    }

    private static NotificationMessage StatusMessage(TaskStatusChanged s, string actor, string title, string link)
    {
        var at = SaoPaulo.FromUtc(s.At).ToString("HH:mm", CultureInfo.InvariantCulture);
        return Transition(s.From, s.To) switch
        {
            "started" => new("Tarefa iniciada", $"{actor} iniciou a tarefa {title} às {at}", link),
            "completed" => new("Tarefa concluída", $"{actor} concluiu a tarefa {title} às {at}", link),
            "reopened" => new("Tarefa reaberta", $"{actor} reabriu a tarefa {title} às {at}", link),
            _ => new("Tarefa movida para pendente", $"{actor} moveu para pendente a tarefa {title} às {at}", link),
        };
    }
}
