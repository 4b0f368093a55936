using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Email;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// system.certificate_expiring / system.certificate_renewal_failed through the notification rules (in-app, holders of
/// system.health) and an e-mail to Tls:NotifyEmails (default Backup:NotifyEmails), as the backup alerts do.
/// </summary>
public sealed class CertificateAlerts(IServiceScopeFactory scopes, TlsOptions options, ILogger<CertificateAlerts> log)
{
    public const string Expiring = "system.certificate_expiring";
    public const string RenewalFailed = "system.certificate_renewal_failed";

    /// <param name="key">Dedup key: the same key never notifies twice (warning once per certificate, critical once a day).</param>
    public async Task RaiseAsync(string type, string key, string title, string body, bool email, IReadOnlyDictionary<string, string> facts, long? actorId = null)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            if (email && options.NotifyEmails.Count > 0)
            {
                sp.GetRequiredService<EmailOutbox>().Enqueue(options.NotifyEmails, $"[Portal] {title}", body, "certificate");
                await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
            }
            await sp.GetRequiredService<INotificationPublisher>().PublishAsync(new NotificationEvent(
                type, key, NotificationCategory.Sistema, actorId, "Certificate", null,
                new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = new(Cut(title, 120), Cut(body, 500), "/admin/certificados") },
                new Dictionary<string, IReadOnlyCollection<long>>(), facts, null));
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException)
        {
            // An alert that cannot be stored must not hide the certificate problem itself: it stays in the log.
            log.LogError(ex, "Alerta de certificado não registrado: {Title}", title);
        }
    }

    public async Task AuditAsync(string action, string summary, long? userId, string? userName, string channel, object? id = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AuditActor>().Use(userId, userName ?? "Portal (certificados)", channel);
        sp.GetRequiredService<AuditLog>().Record(action, "CertificateRenewal", id, null, summary);
        await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
