using Portal.Platform.Authorization;

namespace Portal.Features.Notifications;

/// <summary>One event type the rule form offers: its module, the condition keys and the dynamic people it names.</summary>
public sealed record CatalogEvent(string Type, string Module, string Label, IReadOnlyList<string> Keys, IReadOnlyList<string> People);

/// <summary>
/// The event catalog of notifications.md §3 as the rule form knows it, with the permission that lets someone edit the
/// rules of each module (§2 NotificationRule.Module): the module's configure permission, or <c>settings.manage</c>.
/// </summary>
public static class NotificationCatalog
{
    private static readonly string[] TaskPeople = ["creator", "assignee", "followers", "participants", "sector_members"];
    private static readonly string[] TaskKeys = ["hasAssignee", "isPrivate"];

    public static IReadOnlyList<CatalogEvent> Events { get; } =
    [
        new("task.created", "tasks", "Tarefa criada", TaskKeys, TaskPeople),
        new("task.assigned", "tasks", "Tarefa atribuída", TaskKeys, [.. TaskPeople, "previous_assignee"]),
        new("task.transferred", "tasks", "Tarefa transferida", TaskKeys, TaskPeople),
        new("task.updated", "tasks", "Tarefa editada", TaskKeys, TaskPeople),
        new("task.status_changed", "tasks", "Status da tarefa alterado", [.. TaskKeys, "transition"], TaskPeople),
        new("task.comment_created", "tasks", "Resposta na tarefa", TaskKeys, TaskPeople),
        new("task.deleted", "tasks", "Tarefa excluída", TaskKeys, TaskPeople),
        new("client.department_responsible_assigned", "clients", "Responsável de departamento definido", ["department", "restricted"], ["responsible"]),
        new("client.deactivated", "clients", "Cliente desativado", [], ["department_responsibles"]),
        new("closing.state_changed", "closing", "Fechamento: estado alterado", ["toStateId", "periodId", "taxRegime"], ["state_responsible", "item_responsible"]),
        new("closing.file_uploaded", "closing", "Fechamento: arquivo enviado", ["periodId", "slot"], ["state_responsible", "item_responsible"]),
        new("closing.sync_failed", "closing", "Fechamento: sincronização falhou", ["periodId"], []),
        new("societario.process_created", "societario", "Processo societário criado", ["typeId"], ["item_responsible"]),
        new("societario.state_changed", "societario", "Processo societário: estado alterado", ["toStateId", "typeId"], ["state_responsible", "item_responsible"]),
        new("room.booking_created", "rooms", "Reserva de sala criada", ["roomId"], ["participants", "creator"]),
        new("room.booking_changed", "rooms", "Reserva de sala alterada", ["roomId"], ["participants", "creator"]),
        new("room.booking_cancelled", "rooms", "Reserva de sala cancelada", ["roomId"], ["participants", "creator"]),
        new("agenda.event_created", "agenda", "Evento na agenda", [], ["participants"]),
        new("announcement.published", "announcements", "Aviso publicado no mural", [], []),
        new("procedure.updated", "knowledge", "Procedimento atualizado", [], []),
        new("user.created_by_google", "users", "Usuário criado pelo login Google", [], []),
        new("system.backup_failed", "system", "Backup falhou", ["status"], []),
        new("system.backup_warning", "system", "Backup concluído com avisos", ["status"], []),
        new("system.backup_succeeded", "system", "Backup concluído", [], []),
        new("system.certificate_expiring", "system", "Certificado perto de vencer", [], []),
        new("system.certificate_renewal_failed", "system", "Renovação do certificado falhou", [], []),
        new("system.job_failed", "system", "Tarefa agendada falhou", ["jobKey"], []),
        new("system.integration_auth_failed", "system", "Falha de autenticação em integração", [], []),
        new("system.email_failed", "system", "E-mail não enviado", [], []),
    ];

    public static IReadOnlyDictionary<string, string> Modules { get; } = new Dictionary<string, string>
    {
        ["tasks"] = "Tarefas", ["clients"] = "Clientes", ["closing"] = "Fechamento", ["societario"] = "Societário",
        ["rooms"] = "Salas de reunião", ["agenda"] = "Agenda", ["announcements"] = "Mural", ["client_comms"] = "Comunicados",
        ["knowledge"] = "Conhecimento", ["billing"] = "Faturamento", ["users"] = "Usuários", ["system"] = "Sistema",
    };

    private static readonly Dictionary<string, string> ConfigurePermission = new()
    {
        ["closing"] = "closing.configure", ["societario"] = "societario.configure", ["billing"] = "billing.configure",
        ["client_comms"] = "client_comms.manage", ["rooms"] = "rooms.configure",
    };

    /// <summary>The module permissions that let someone edit that module's rules (and so see the rules page's menu entry).</summary>
    public static IReadOnlyList<string> ConfigurePermissions { get; } = [.. ConfigurePermission.Values.Order(StringComparer.Ordinal)];

    public static CatalogEvent? Find(string type) => Events.FirstOrDefault(e => e.Type == type);

    public static string ModuleLabel(string module) => Modules.GetValueOrDefault(module, module);

    /// <summary>Whether these permissions let someone edit the rules of <paramref name="module"/>.</summary>
    public static bool CanEdit(PermissionSet permissions, string module) =>
        permissions.Has(Permissions.SettingsManage) || (ConfigurePermission.TryGetValue(module, out var code) && permissions.Has(code));

    /// <summary>Whether the rules page opens at all: settings.manage or any module's configure permission.</summary>
    public static bool CanOpen(PermissionSet permissions) =>
        permissions.Has(Permissions.SettingsManage) || ConfigurePermission.Values.Any(permissions.Has);

    public const string Policy = "notification-rules";

    /// <summary>pt-BR names of the dynamic recipients.</summary>
    public static string Dynamic(string name) => name switch
    {
        "creator" => "criador",
        "assignee" => "responsável",
        "previous_assignee" => "responsável anterior",
        "followers" => "acompanhantes",
        "participants" => "participantes",
        "sector_members" => "membros do setor",
        "state_responsible" => "responsável pelo estado",
        "item_responsible" => "responsável pelo item",
        "responsible" => "novo responsável",
        "department_responsibles" => "responsáveis pelos departamentos do cliente",
        _ when name.StartsWith(NotificationRuleRecipient.PermissionHolders, StringComparison.Ordinal)
            => "quem tem a permissão " + name[NotificationRuleRecipient.PermissionHolders.Length..],
        _ => name,
    };
}
