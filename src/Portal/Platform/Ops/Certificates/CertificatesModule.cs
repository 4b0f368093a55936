using Portal.Platform.Audit;
using Portal.Platform.Configuration;
using Portal.Platform.Jobs;

namespace Portal.Platform.Ops.Certificates;

/// <summary>TLS and certificates wiring (operations.md §5): Kestrel HTTPS, monitoring, renewal and their jobs.</summary>
public static class CertificatesModule
{
    public const string JobKey = "certificados";
    public const string RetryJobKey = "certificados-nova-tentativa";

    public static void AddPortalCertificates(this WebApplicationBuilder builder, PortalPaths paths)
    {
        var options = TlsOptions.FromConfiguration(builder.Configuration, builder.Environment, paths);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton<CertificateFiles>();
        if (options.Mode == TlsMode.Kestrel) s.AddSingleton<CertificateReloader>();
        s.AddSingleton<AcmeChallenges>();
        s.AddSingleton<CertificateStatus>();
        s.AddSingleton<CertificateProbe>();
        s.AddSingleton<PresentedCertificate>();
        s.AddSingleton<CertificateAlerts>();
        s.AddSingleton<CertificateMonitor>();
        s.AddSingleton<CommandRunner>();
        s.AddSingleton<CertificateRenewer>();
        builder.AddKestrelTls(options);

        // §5.2 + §5.3: daily at 03:00 read the certificate, alert, and renew when due.
        s.AddPortalJob(JobKey, JobSchedule.DailyAt(3, 0), "Certificado TLS: verificação diária e renovação", async ctx =>
        {
            var run = await ctx.Services.GetRequiredService<CertificateRenewer>().RenewAsync(
                new RenewalRequest(ctx.Manual ? "manual" : "agendado", false, null, "Portal (tarefa agendada)", AuditChannels.Job), ctx.CancellationToken);
            ctx.Message = run.Message;
            ctx.ItemsProcessed = run.Outcome == RenewalOutcome.Renewed ? 1 : 0;
            if (run.Outcome is RenewalOutcome.Failed or RenewalOutcome.RolledBack) throw new InvalidOperationException(run.Message);
        });
        // §5.3 step 4: after a failed renewal, try again every 6 hours (the check is cheap when nothing failed).
        s.AddPortalJob(RetryJobKey, JobSchedule.Every(TimeSpan.FromHours(1)), "Certificado TLS: nova tentativa 6 h após uma renovação que falhou", async ctx =>
        {
            var renewer = ctx.Services.GetRequiredService<CertificateRenewer>();
            if (!await renewer.RetryDueAsync(ctx.CancellationToken))
            {
                ctx.Message = "Nenhuma renovação pendente.";
                return;
            }
            var run = await renewer.RenewAsync(new RenewalRequest("nova tentativa", false, null, "Portal (tarefa agendada)", AuditChannels.Job), ctx.CancellationToken);
            ctx.Message = run.Message;
            if (run.Outcome is RenewalOutcome.Failed or RenewalOutcome.RolledBack) throw new InvalidOperationException(run.Message);
        });
    }

    public static void MapPortalCertificates(this WebApplication app)
    {
        // Spec README §6.1: the anonymous ACME path exists only when the portal itself answers on port 80.
        if (app.Services.GetRequiredService<TlsOptions>().Mode == TlsMode.Kestrel) app.MapAcmeChallenges();
        // Kestrel mode: the certificate holder starts watching the files with the application, not at the first handshake.
        app.Services.GetService<CertificateReloader>();
    }
}
