namespace Portal.Platform.Contracts;

/// <summary>Icon and preference grouping of a notification (notifications.md §2); stored by name.</summary>
public enum NotificationCategory
{
    Tarefas, Clientes, Encerramento, Societario, Reunioes, Agenda, Mural, Comunicados, Conhecimento, Financeiro, Diretoria, Sistema,
}

/// <summary>What one recipient reads: pt-BR title (≤ 120), plain-text body (≤ 500) and a local link.</summary>
public sealed record NotificationMessage(string Title, string Body, string Link);

/// <summary>
/// A fact a module reports to the notification rules (notifications.md §4.1). The module knows its own people and
/// facts; the rules (data, editable) decide who among them — plus roles, sectors, users and permission holders — is told.
/// </summary>
/// <param name="EventType">Catalog name, e.g. <c>task.status_changed</c>: the trigger the rules match.</param>
/// <param name="EventKey">Unique per occurrence of the event; with <paramref name="EventType"/> it is the dedup key, so
/// processing the same occurrence twice notifies nobody twice.</param>
/// <param name="Messages">By variant: <c>default</c> is required; a rule may name another (e.g. <c>previous_assignee</c>).</param>
/// <param name="People">The dynamic recipients the event can name (<c>creator</c>, <c>assignee</c>, <c>followers</c>,
/// <c>participants</c>, <c>sector_members</c>…).</param>
/// <param name="Facts">Values the rules' conditions test (e.g. <c>hasAssignee</c> = <c>true</c>).</param>
/// <param name="Audience">Who may see the source record (the module's visibility policy); null = everyone. Nobody
/// outside it is notified, whatever the rules say.</param>
public sealed record NotificationEvent(
    string EventType, string EventKey, NotificationCategory Category, long? ActorId, string? SourceType, long? SourceId,
    IReadOnlyDictionary<string, NotificationMessage> Messages,
    IReadOnlyDictionary<string, IReadOnlyCollection<long>> People,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyCollection<long>? Audience)
{
    public const string DefaultMessage = "default";
}

/// <summary>
/// The notifications module's public contract: modules report events and purge what points at deleted records.
/// Called after the change is committed (from domain event handlers); a failure here never undoes the change.
/// </summary>
public interface INotificationPublisher
{
    /// <summary>Evaluates the active rules for the event and notifies the resolved recipients; returns how many were created.</summary>
    Task<int> PublishAsync(NotificationEvent notificationEvent, CancellationToken ct = default);

    /// <summary>Deleting a source record deletes its notifications (notifications.md §7).</summary>
    Task RemoveForSourcesAsync(string sourceType, IReadOnlyCollection<long> sourceIds, CancellationToken ct = default);
}

/// <summary>Without the notifications module nothing is notified.</summary>
public sealed class NoNotificationPublisher : INotificationPublisher
{
    public Task<int> PublishAsync(NotificationEvent notificationEvent, CancellationToken ct = default) => Task.FromResult(0);

    public Task RemoveForSourcesAsync(string sourceType, IReadOnlyCollection<long> sourceIds, CancellationToken ct = default) => Task.CompletedTask;
}
