namespace Portal.Features.Admin;

/// <summary>pt-BR names for the audit actions of operations.md §7.2 and the common resource types; codes stay visible
/// for anything not listed, so new modules never need to touch this file to be readable.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["login"] = "Entrada", ["login_failed"] = "Falha de entrada", ["logout"] = "Saída",
        ["api_login"] = "Entrada pela API", ["api_login_failed"] = "Falha de entrada pela API", ["account_locked"] = "Conta bloqueada",
        ["password_changed"] = "Senha alterada", ["password_reset_requested"] = "Redefinição de senha solicitada",
        ["password_reset"] = "Senha redefinida", ["temporary_password_set"] = "Senha temporária definida",
        ["two_factor_changed"] = "Verificação em duas etapas alterada", ["session_revoked"] = "Sessão encerrada",
        ["user_created"] = "Usuário criado", ["user_updated"] = "Usuário alterado", ["user_deactivated"] = "Usuário desativado",
        ["user_reactivated"] = "Usuário reativado", ["role_changed"] = "Papel alterado", ["grant_added"] = "Permissão concedida",
        ["grant_removed"] = "Permissão removida", ["credential_revealed"] = "Senha revelada", ["create"] = "Criação",
        ["update"] = "Alteração", ["delete"] = "Exclusão", ["state_changed"] = "Mudança de estado",
        ["file_uploaded"] = "Arquivo enviado", ["file_deleted"] = "Arquivo excluído", ["export"] = "Exportação",
        ["settings_changed"] = "Configurações alteradas", ["integration_changed"] = "Integração alterada",
        ["backup_run"] = "Backup executado", ["backup_downloaded"] = "Backup baixado", ["restore"] = "Restauração",
        ["import_run"] = "Importação executada", ["job_run_manual"] = "Tarefa agendada executada manualmente",
        ["hr_records_viewed"] = "Registros de RH consultados", ["certificate_renewed"] = "Certificado renovado",
    };

    private static readonly Dictionary<string, string> ResourceTypes = new(StringComparer.Ordinal)
    {
        ["User"] = "Usuário", ["UserSession"] = "Sessão", ["Role"] = "Papel", ["Sector"] = "Setor",
        ["Settings"] = "Configurações", ["AuditEntry"] = "Auditoria", ["SavedView"] = "Visualização salva",
    };

    public static string Action(string action) => Actions.GetValueOrDefault(action, action);

    public static string ResourceType(string? type) => type is null ? "" : ResourceTypes.GetValueOrDefault(type, type);
}
