using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Settings;

namespace Portal.Platform.Email;

/// <summary>
/// The outbox sender (notifications.md §6), run every 30 s by the "email-outbox" job: sends due messages, retries after
/// 1, 5, 15, 60 and 240 minutes, then marks them Failed. Without SMTP nothing is attempted; a message never attempted
/// for 24 h becomes Failed "Não enviado: e-mail não configurado", so configuring SMTP later never sends stale mail.
/// </summary>
public sealed class OutboxSender(PortalDb db, SettingsService settings, IEmailTransport transport, INotificationPublisher notifications,
    EmailLogoSource logos, ILogger<OutboxSender> log)
{
    public static readonly TimeSpan[] RetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(240)];
    public static readonly TimeSpan NotConfiguredExpiry = TimeSpan.FromHours(24);
    public const string NotConfiguredError = "Não enviado: e-mail não configurado";
    private const int BatchSize = 50;

    /// <summary>Two overlapping runs in one process (scheduler + "Executar agora") must not send a message twice;
    /// across instances the clustered scheduler already guarantees a single runner.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <returns>How many messages changed state (sent, retried, failed or expired).</returns>
    public async Task<int> RunAsync(DateTime now, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var expired = await ExpireNeverAttemptedAsync(now, ct);
            var options = await SmtpOptions.LoadAsync(settings, ct);
            if (options is null) return expired;
            var due = await db.OutboxEmails.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (due.Count > 0) options = options with { Logo = await logos.LoadAsync(ct) };
            var failed = new List<OutboxEmail>();
            foreach (var message in due)
            {
                await AttemptAsync(options, message, now, ct);
                await db.SaveChangesAsync(ct); // one by one: a crash mid-batch never re-sends what already went out
                if (message.Status == OutboxStatus.Failed) failed.Add(message);
            }
            if (failed.Count > 0) await AlertAsync(failed, now, ct);
            return expired + due.Count;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// <c>system.email_failed</c> (notifications.md §6), at most once per clock hour: the dedup key is the hour, so a
    /// second failure in the same hour notifies nobody again. Messages that expired unsent without SMTP raise nothing —
    /// the outbox page already says e-mail is not configured.
    /// </summary>
    private async Task AlertAsync(List<OutboxEmail> failed, DateTime now, CancellationToken ct)
    {
        try
        {
            var body = failed.Count == 1
                ? $"O e-mail “{failed[0].Subject}” não foi enviado após {failed[0].Attempts} tentativas: {failed[0].LastError}"
                : $"{failed.Count} e-mails não foram enviados após todas as tentativas. Último erro: {failed[^1].LastError}";
            await notifications.PublishAsync(new NotificationEvent(
                "system.email_failed", now.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), NotificationCategory.Sistema, null,
                "OutboxEmail", failed[0].Id,
                new Dictionary<string, NotificationMessage>
                {
                    [NotificationEvent.DefaultMessage] = new("Falha no envio de e-mail", body.Length > 500 ? body[..499] + "…" : body, "/admin/notificacoes/emails"),
                },
                new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string>(), null), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Não foi possível avisar a falha de envio de e-mail");
        }
    }

    private Task<int> ExpireNeverAttemptedAsync(DateTime now, CancellationToken ct)
    {
        var cutoff = now - NotConfiguredExpiry;
        return db.OutboxEmails
            .Where(m => m.Status == OutboxStatus.Pending && m.Attempts == 0 && m.NextAttemptAt <= cutoff)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.LastError, NotConfiguredError)
                .SetProperty(m => m.NextAttemptAt, (DateTime?)null), ct);
    }

    private async Task AttemptAsync(SmtpOptions options, OutboxEmail message, DateTime now, CancellationToken ct)
    {
        message.Attempts++;
        try
        {
            await transport.SendAsync(options, message, ct);
            message.Status = OutboxStatus.Sent;
            message.SentAt = now;
            message.NextAttemptAt = null;
            message.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            message.LastError = error.Length > OutboxEmail.LastErrorMax ? error[..OutboxEmail.LastErrorMax] : error;
            if (message.Attempts > RetryDelays.Length)
            {
                message.Status = OutboxStatus.Failed;
                message.NextAttemptAt = null;
                log.LogWarning("E-mail {Id} falhou definitivamente após {Attempts} tentativas: {Error}", message.Id, message.Attempts, error);
            }
            else
            {
                message.NextAttemptAt = now + RetryDelays[message.Attempts - 1];
                log.LogInformation("E-mail {Id}: tentativa {Attempts} falhou, nova tentativa às {Next:u}: {Error}", message.Id, message.Attempts, message.NextAttemptAt, error);
            }
        }
    }

    /// <summary>"Reenviar" on the outbox page: a failed message gets a fresh series of attempts (and 24 h without SMTP).</summary>
    public static void Resend(OutboxEmail message, DateTime now)
    {
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.LastError = null;
    }
}
