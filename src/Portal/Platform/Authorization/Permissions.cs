namespace Portal.Platform.Authorization;

public sealed record PermissionInfo(string Code, string Module, string Description);

/// <summary>
/// The permission catalog of identity.md §3. Codes are constants; the admin UI shows them grouped by module.
/// Later modules add their reports' codes (reports.view:&lt;code&gt;) to <see cref="All"/> through their own entries.
/// </summary>
public static class Permissions
{
    public const string UsersAdmin = "users.admin";
    public const string SettingsManage = "settings.manage";
    public const string AuditView = "audit.view";
    public const string SystemHealth = "system.health";
    public const string SystemBackup = "system.backup";
    public const string SystemImport = "system.import";
    public const string TasksAccess = "tasks.access";
    public const string RoomsBook = "rooms.book";

    public static readonly IReadOnlyList<PermissionInfo> All =
    [
        new(UsersAdmin, "Administração", "Gerenciar usuários, setores, papéis e permissões; encerrar sessões."),
        new(SettingsManage, "Administração", "Configurações do sistema, identidade visual, integrações e listas."),
        new(AuditView, "Administração", "Consultar o log de auditoria."),
        new(SystemHealth, "Administração", "Saúde do sistema, execuções de tarefas agendadas."),
        new(SystemBackup, "Administração", "Executar, listar e baixar backups."),
        new(SystemImport, "Administração", "Importar o banco de dados do portal original."),
        new(TasksAccess, "Tarefas", "Usar tarefas: quadros dos próprios setores e tarefas em que participa."),
        new("tasks.create_other_sectors", "Tarefas", "Criar tarefas em setores dos quais não é membro."),
        new("tasks.view_all", "Tarefas", "Ver todas as tarefas não privadas de todos os setores."),
        new("tasks.manage_any", "Tarefas", "Editar, transferir, mudar status, reabrir e excluir qualquer tarefa não privada."),
        new("clients.view", "Clientes", "Ver a lista e a ficha de clientes (sem senhas)."),
        new("clients.create", "Clientes", "Cadastrar clientes."),
        new("clients.edit", "Clientes", "Editar, ativar e desativar clientes."),
        new("clients.delete", "Clientes", "Excluir clientes sem dependentes."),
        new("clients.departments.edit", "Clientes", "Editar perfis de departamento."),
        new("clients.departments.restricted.view", "Clientes", "Ver perfis de departamento restritos."),
        new("clients.credentials.manage", "Clientes", "Adicionar, editar e remover acessos de portais do cliente."),
        new("clients.credentials.reveal", "Clientes", "Revelar senhas de portais do cliente (auditado)."),
        new("clients.export", "Clientes", "Exportar a lista de clientes."),
        new("client_meetings.view", "Atas de reunião", "Ver atas de reunião com clientes."),
        new("client_meetings.manage", "Atas de reunião", "Criar e editar/excluir as próprias atas."),
        new("client_meetings.manage_any", "Atas de reunião", "Editar/excluir qualquer ata."),
        new("closing.view", "Fechamento", "Ver a grade de fechamento."),
        new("closing.edit", "Fechamento", "Editar campos e estados do fechamento."),
        new("closing.files", "Fechamento", "Gerenciar arquivos do fechamento."),
        new("closing.review", "Fechamento", "Executar transições de revisão."),
        new("closing.configure", "Fechamento", "Configurar períodos, campos, fluxo e regras."),
        new("closing.obligations.manage", "Fechamento", "Modelos de obrigações."),
        new("societario.access", "Societário", "Ver processos societários."),
        new("societario.manage", "Societário", "Criar, editar, mover e excluir processos."),
        new("societario.configure", "Societário", "Configurar os fluxos do societário."),
        new(RoomsBook, "Salas de reunião", "Ver e reservar salas."),
        new("rooms.manage_any", "Salas de reunião", "Gerenciar reservas de qualquer pessoa."),
        new("rooms.configure", "Salas de reunião", "Configurar salas."),
        new("agenda.view", "Agenda", "Ver a agenda de colaboradores."),
        new("agenda.manage", "Agenda", "Criar e editar/excluir os próprios eventos."),
        new("agenda.manage_any", "Agenda", "Editar/excluir qualquer evento."),
        new("announcements.view", "Mural", "Ler o mural."),
        new("announcements.manage", "Mural", "Criar, editar e excluir avisos."),
        new("announcements.read_receipts", "Mural", "Ver quem leu os avisos."),
        new("client_comms.view", "Comunicados", "Ver o registro de comunicados a clientes."),
        new("client_comms.manage", "Comunicados", "Criar, editar, clonar, excluir e marcar como enviado."),
        new("procedures.view", "Conhecimento", "Ler procedimentos de categorias não restritas."),
        new("procedures.manage", "Conhecimento", "Gerenciar procedimentos de categorias não restritas."),
        new("procedures.ti.view", "Conhecimento", "Ler procedimentos de categorias restritas."),
        new("procedures.ti.manage", "Conhecimento", "Gerenciar procedimentos de categorias restritas."),
        new("consulting.view", "Conhecimento", "Ver consultorias e o registro de perguntas."),
        new("consulting.manage", "Conhecimento", "Gerenciar consultorias."),
        new("consulting.credentials.reveal", "Conhecimento", "Revelar senhas das consultorias (auditado)."),
        new("consulting.qa.create", "Conhecimento", "Registrar perguntas e editar as próprias."),
        new("consulting.qa.manage_any", "Conhecimento", "Editar/excluir qualquer pergunta."),
        new("links.view", "Conhecimento", "Central de acessos."),
        new("links.manage", "Conhecimento", "Gerenciar a central de acessos."),
        new("manual.view", "Conhecimento", "Ver o manual em vídeo."),
        new("manual.manage", "Conhecimento", "Gerenciar o manual em vídeo."),
        new("courses.view", "Conhecimento", "Ver cursos."),
        new("courses.manage", "Conhecimento", "Gerenciar cursos."),
        new("billing.access", "Faturamento", "Notas de débito, cadastro de cobrança e notas recorrentes."),
        new("billing.payment_method", "Faturamento", "Ver e editar a forma de pagamento."),
        new("billing.totals", "Faturamento", "Totalizador e exportações."),
        new("billing.credentials.reveal", "Faturamento", "Revelar senhas do cadastro de cobrança (auditado)."),
        new("billing.configure", "Faturamento", "Listas de acordos e formas de pagamento."),
        new("diretoria.hr", "Diretoria", "Acordos e feedbacks de colaboradores."),
        new("diretoria.hr.delete", "Diretoria", "Excluir acordos e feedbacks."),
        new("diretoria.events", "Diretoria", "Orçamento de eventos internos."),
        new("api.tokens", "API", "Criar tokens pessoais de API."),
    ];

    private static readonly HashSet<string> Known = All.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Known.Contains(code);
}
