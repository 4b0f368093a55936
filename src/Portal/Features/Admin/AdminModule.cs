using Portal.Platform.Authorization;
using Portal.Platform.Web;

namespace Portal.Features.Admin;

/// <summary>Administration screens of identity.md §10 and operations.md §11.</summary>
public static class AdminModule
{
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<AdministratorGate>();
        s.AddScoped<HealthIntegrations>();
        s.AddMenuItem(new MenuItem("Administração", "Usuários", "bi-people", "/admin/usuarios", Permissions.UsersAdmin, 900));
        s.AddMenuItem(new MenuItem("Administração", "Setores", "bi-diagram-3", "/admin/setores", Permissions.UsersAdmin, 910));
        s.AddMenuItem(new MenuItem("Administração", "Papéis", "bi-person-badge", "/admin/papeis", Permissions.UsersAdmin, 920));
        s.AddMenuItem(new MenuItem("Administração", "Permissões", "bi-shield-lock", "/admin/permissoes", Permissions.UsersAdmin, 930));
        s.AddMenuItem(new MenuItem("Administração", "Configurações", "bi-gear", "/admin/configuracoes", Permissions.SettingsManage, 940));
        s.AddMenuItem(new MenuItem("Administração", "Listas", "bi-list-ul", "/admin/listas", Permissions.SettingsManage, 945));
        s.AddMenuItem(new MenuItem("Administração", "Auditoria", "bi-journal-text", "/admin/auditoria", Permissions.AuditView, 950));
        s.AddMenuItem(new MenuItem("Administração", "E-mails", "bi-envelope", "/admin/notificacoes/emails", Permissions.SystemHealth, 960));
        s.AddMenuItem(new MenuItem("Administração", "Saúde do sistema", "bi-heart-pulse", "/admin/saude", Permissions.SystemHealth, 962));
        s.AddMenuItem(new MenuItem("Administração", "Backups", "bi-cloud-arrow-up", "/admin/backups", Permissions.SystemBackup, 968));
        s.AddMenuItem(new MenuItem("Administração", "Certificados", "bi-shield-lock", "/admin/certificados", Permissions.SystemHealth, 969));
        s.AddMenuItem(new MenuItem("Administração", "Tarefas agendadas", "bi-clock-history", "/admin/saude/tarefas", Permissions.SystemHealth, 965));
    }

    public static void MapAdmin(this WebApplication app, RouteGroupBuilder api) => api.MapIdentityApi();
}
