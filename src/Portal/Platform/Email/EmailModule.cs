using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Contracts;
using Portal.Platform.Jobs;

namespace Portal.Platform.Email;

/// <summary>E-mail through the outbox (ARCHITECTURE: MailKit via outbox, never inline in a request).</summary>
public static class EmailModule
{
    public const string OutboxJob = "email-outbox";
    public const string RetentionJob = "email-retention";

    public static IServiceCollection AddPortalEmail(this IServiceCollection services)
    {
        services.AddScoped<EmailOutbox>();
        services.AddScoped<BrandedEmail>();
        services.AddScoped<EmailLogoSource>();
        services.AddScoped<OutboxSender>();
        services.TryAddScoped<INotificationPublisher, NoNotificationPublisher>(); // the notifications module replaces it
        services.AddScoped<EmailRetention>();
        services.AddSingleton<IEmailTransport, MailKitTransport>();
        services.AddPortalJob(OutboxJob, JobSchedule.Every(TimeSpan.FromSeconds(30)), "Envio de e-mails da fila", async ctx =>
            ctx.ItemsProcessed = await ctx.Services.GetRequiredService<OutboxSender>().RunAsync(ctx.Now, ctx.CancellationToken));
        services.AddPortalJob(RetentionJob, JobSchedule.DailyAt(3, 30), "Limpeza de e-mails enviados (30 dias) e com falha (90 dias)", async ctx =>
            ctx.ItemsProcessed = await ctx.Services.GetRequiredService<EmailRetention>().PurgeAsync(ctx.Now, ctx.CancellationToken));
        return services;
    }
}
