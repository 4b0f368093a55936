using Portal.Platform.Authorization;

namespace Portal.Features.Notifications;

/// <summary>
/// The built-in notifications as rule rows (notifications.md §4.3), seeded by migrations: the task notifications of
/// tasks.md §7 (migration "Notifications"), the system alerts of §3's last row (migration
/// "NotificationSystemAlerts") and the client notifications of clients.md §9 (migration "ClientNotificationRules"). The firm may deactivate or edit them later and nothing re-creates or overwrites them.
/// Data, not code: the events name their people (assignee, followers…) and these rows choose among them.
/// </summary>
internal static class NotificationSystemRules
{
    private static readonly DateTime SeededAt = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Name, string Trigger, string? Message, string[] Recipients, (string Key, string Op, string Value)[] Conditions)[] Table =
    [
        ("Tarefa criada — responsável", "task.created", null, ["assignee"], [("hasAssignee", "=", "true")]),
        ("Tarefa criada sem responsável — membros do setor", "task.created", null, ["sector_members"],
            [("hasAssignee", "=", "false"), ("isPrivate", "=", "false")]),
        ("Tarefa atribuída — novo responsável", "task.assigned", null, ["assignee"], []),
        ("Tarefa atribuída — responsável anterior", "task.assigned", "previous_assignee", ["previous_assignee"], []),
        ("Tarefa transferida — acompanhantes", "task.transferred", null, ["followers"], []),
        ("Tarefa transferida sem responsável — membros do setor de destino", "task.transferred", null, ["sector_members"],
            [("hasAssignee", "=", "false")]),
        ("Tarefa editada — responsável e acompanhantes", "task.updated", null, ["assignee", "followers"], [("hasAssignee", "=", "true")]),
        ("Tarefa editada sem responsável — membros do setor e acompanhantes", "task.updated", null, ["sector_members", "followers"],
            [("hasAssignee", "=", "false")]),
        ("Status alterado — responsável e acompanhantes", "task.status_changed", null, ["assignee", "followers"], [("hasAssignee", "=", "true")]),
        ("Status alterado sem responsável — membros do setor e acompanhantes", "task.status_changed", null, ["sector_members", "followers"],
            [("hasAssignee", "=", "false")]),
        ("Tarefa concluída ou reaberta — criador", "task.status_changed", null, ["creator"], [("transition", "in", "completed,reopened")]),
        ("Resposta na tarefa — participantes", "task.comment_created", null, ["participants"], []),
        ("Tarefa excluída — responsável e acompanhantes", "task.deleted", null, ["assignee", "followers"], []),
    ];

    /// <summary>
    /// System alerts to the holders of <c>system.health</c>, in-app and by e-mail (e-mail failures in-app only: mailing
    /// about a broken mail server helps nobody). Ids start at 101 so they never collide with the task rules above.
    /// </summary>
    private static readonly (string Name, string Trigger, bool Email, bool Active)[] SystemAlerts =
    [
        ("Backup falhou", "system.backup_failed", true, true),
        ("Backup concluído com avisos", "system.backup_warning", true, true),
        ("Backup concluído", "system.backup_succeeded", true, false),
        ("Certificado perto de vencer", "system.certificate_expiring", true, true),
        ("Renovação do certificado falhou", "system.certificate_renewal_failed", true, true),
        ("Tarefa agendada falhou", "system.job_failed", true, true),
        ("Falha de autenticação em integração", "system.integration_auth_failed", true, true),
        ("E-mail não enviado", "system.email_failed", false, true),
    ];

    /// <summary>
    /// The client registry's notifications (clients.md §9, migration "ClientNotificationRules"): the newly assigned
    /// responsible of a department, and the departments' responsibles when the client is deactivated. Ids from 201.
    /// </summary>
    private static readonly (string Name, string Trigger, string Dynamic)[] ClientRules =
    [
        ("Responsável de departamento definido — novo responsável", "client.department_responsible_assigned", "responsible"),
        ("Cliente desativado — responsáveis pelos departamentos", "client.deactivated", "department_responsibles"),
    ];

    public const int FirstClientRuleId = 201;
    public const string ClientsModule = "clients";

    public const int FirstSystemAlertId = 101;
    public const string SystemModule = "system";
    public static readonly string SystemHealthHolders = NotificationRuleRecipient.PermissionHolders + Permissions.SystemHealth;

    public static NotificationRule[] Rules { get; } = [
        .. Table.Select((r, i) => new NotificationRule
        {
            Id = i + 1, Name = r.Name, Module = "tasks", TriggerKind = NotificationTriggerKind.Event, Trigger = r.Trigger,
            Message = r.Message, Channels = NotificationChannels.InApp, IsActive = true, IsSystem = true,
            CreatedAt = SeededAt, UpdatedAt = SeededAt, Version = 1,
        }),
        .. SystemAlerts.Select((r, i) => new NotificationRule
        {
            Id = FirstSystemAlertId + i, Name = r.Name, Module = SystemModule, TriggerKind = NotificationTriggerKind.Event, Trigger = r.Trigger,
            Channels = r.Email ? NotificationChannels.InApp | NotificationChannels.Email : NotificationChannels.InApp,
            IsActive = r.Active, IsSystem = true, CreatedAt = SeededAt, UpdatedAt = SeededAt, Version = 1,
        }),
        .. ClientRules.Select((r, i) => new NotificationRule
        {
            Id = FirstClientRuleId + i, Name = r.Name, Module = ClientsModule, TriggerKind = NotificationTriggerKind.Event, Trigger = r.Trigger,
            Channels = NotificationChannels.InApp, IsActive = true, IsSystem = true, CreatedAt = SeededAt, UpdatedAt = SeededAt, Version = 1,
        }),
    ];

    public static NotificationRuleRecipient[] Recipients { get; } = [
        .. Table
            .SelectMany((r, i) => r.Recipients.Select(d => (RuleId: i + 1L, Dynamic: d)))
            .Select((x, i) => new NotificationRuleRecipient { Id = i + 1, RuleId = x.RuleId, Kind = RuleRecipientKind.Dynamic, Dynamic = x.Dynamic }),
        .. SystemAlerts.Select((_, i) => new NotificationRuleRecipient
        {
            Id = FirstSystemAlertId + i, RuleId = FirstSystemAlertId + i, Kind = RuleRecipientKind.Dynamic, Dynamic = SystemHealthHolders,
        }),
        .. ClientRules.Select((r, i) => new NotificationRuleRecipient
        {
            Id = FirstClientRuleId + i, RuleId = FirstClientRuleId + i, Kind = RuleRecipientKind.Dynamic, Dynamic = r.Dynamic,
        }),
    ];

    public static NotificationRuleCondition[] Conditions { get; } = [.. Table
        .SelectMany((r, i) => r.Conditions.Select(c => (RuleId: i + 1L, c.Key, c.Op, c.Value)))
        .Select((x, i) => new NotificationRuleCondition { Id = i + 1, RuleId = x.RuleId, Key = x.Key, Operator = x.Op, Value = x.Value })];
}
