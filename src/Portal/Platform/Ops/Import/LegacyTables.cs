namespace Portal.Platform.Ops.Import;

/// <summary>The original's tables (legacy-schema.md) and which of them this version imports.</summary>
public static class LegacyTables
{
    public static readonly string[] Imported =
    [
        "setores", "tags", "users", "user_tags", "report_permissions", "tbl_empresas", "departamentos",
        "tasks", "task_attachments", "task_responses", "task_response_participants", "task_followers",
        "task_status_history", "task_history", "task_notifications", "audit_logs",
    ];

    /// <summary>Known tables whose target module does not exist yet (later module issues extend the importer).</summary>
    public static readonly string[] NotYetImported =
    [
        "cliente_reunioes", "tbl_inventario", "societario_processos", "societario_processos_historico",
        "announcements", "announcement_attachments", "announcement_tag_links", "client_announcements",
        "client_announcement_attachments", "operational_procedures", "access_links", "consultorias", "inclusoes",
        "manual_categories", "manual_videos", "reunioes", "reuniao_participantes", "general_calendar_events",
        "general_calendar_event_participants", "courses", "course_tags", "course_tag_links", "notas_debito",
        "cadastro_notas", "notas_recorrentes", "diretoria_events", "diretoria_agreements", "diretoria_feedbacks",
        "push_subscriptions",
    ];

    public static readonly string[] NeverImported = ["sessions", "alembic_version"];

    /// <summary>Columns the original added at run time: their absence is tolerated and only reported.</summary>
    public static readonly Dictionary<string, string[]> OptionalColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["users"] = ["is_master", "last_seen", "google_id", "google_refresh_token", "preferences"],
        ["tasks"] = ["is_private", "has_children", "completed_at", "completed_by", "assigned_to", "parent_id"],
        ["tbl_empresas"] = ["sistemas_consultorias", "sistema_utilizado", "acessos", "observacao_acessos", "contatos", "ativo"],
        ["departamentos"] = ["contatos", "particularidades_texto", "updated_at", "metodo_importacao", "controle_relatorios"],
        ["task_response_participants"] = ["last_notified_at"],
    };

    public static bool IsKnown(string table) =>
        Imported.Contains(table, StringComparer.OrdinalIgnoreCase)
        || NotYetImported.Contains(table, StringComparer.OrdinalIgnoreCase)
        || NeverImported.Contains(table, StringComparer.OrdinalIgnoreCase);
}
