using Portal.Platform.Ops.Import;
using Portal.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Contracts;
using Portal.Platform.Web;

namespace Portal.Features.Notifications;

/// <summary>In-app notifications (notifications.md): rules engine, bell, center, web endpoints and /api/v1/notifications.</summary>
public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<NotificationRecipients>();
        s.AddScoped<NotificationQueries>();
        s.AddSingleton(NotificationQueries.Tables);
        s.AddScoped<NotificationRetention>();
        s.AddScoped<NotificationEngine>();
        s.AddScoped<NotificationDigests>();
        s.AddScoped<NotificationDailyEmail>();
        // One every-minute job for both kinds of digest: the rules' digests and the personal 18:00 e-mail (NTF-15).
        s.AddPortalJob(NotificationDigests.JobKey, JobSchedule.Every(TimeSpan.FromMinutes(1)), "Resumos de notificação (regras de resumo e resumo diário por e-mail)",
            async ctx => ctx.ItemsProcessed = await ctx.Services.GetRequiredService<NotificationDigests>().RunDueAsync(ctx.Now, ctx.CancellationToken)
                + await ctx.Services.GetRequiredService<NotificationDailyEmail>().RunDueAsync(ctx.Now, ctx.CancellationToken));
        s.AddAuthorizationBuilder().AddPolicy(NotificationCatalog.Policy, p => p.RequireAuthenticatedUser().RequireAssertion(async ctx =>
            ctx.Resource is HttpContext http
            && NotificationCatalog.CanOpen(await http.RequestServices.GetRequiredService<Platform.Authorization.CurrentUser>().GetPermissionsAsync())));
        s.AddLegacyImportStep<NotificationsLegacyImport>();
        s.AddPortalJob(NotificationRetention.JobKey, JobSchedule.DailyAt(3, 30), "Limpeza de notificações (lidas > 60 dias, todas > 180 dias)",
            async ctx => ctx.ItemsProcessed = await ctx.Services.GetRequiredService<NotificationRetention>().PurgeAsync(ctx.Now, ctx.CancellationToken));
        // Modules that report events fall back to a no-op publisher when this module is absent; this one wins.
        s.Replace(ServiceDescriptor.Scoped<INotificationPublisher>(sp => sp.GetRequiredService<NotificationEngine>()));
        s.AddTopBarWidget(new TopBarWidget("/Features/Notifications/Pages/_Bell.cshtml"));
        s.AddMenuItem(new MenuItem("Geral", "Notificações", "bi-bell", "/notificacoes", null, 900) { IsStartPage = false });
        s.AddMenuItem(new MenuItem("Administração", "Regras de notificação", "bi-bell-fill", "/admin/notificacoes/regras",
            Platform.Authorization.Permissions.SettingsManage, 958) { OrPermissions = NotificationCatalog.ConfigurePermissions, IsStartPage = false });
        return builder;
    }

    public static void MapNotifications(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapNotificationsWeb();
        api.MapNotificationsApi();
    }
}
