using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Health;
using Portal.Platform.Settings;

namespace Portal.Features.Admin;

/// <summary>One row of "Integrações" on /admin/saude: whether it is configured and how its last calls went.</summary>
public sealed record IntegrationRow(string Key, string Name, bool Configured, string Setup, DateTime? LastSuccess, DateTime? LastFailure, string? LastError);

/// <summary>
/// The third-party integrations of the portal (operations.md §6.2): the HTTP ones each feature declares
/// (<see cref="IIntegrationSource"/>: company lookup, Google sign-in, …) and SMTP. Only whether each is configured and
/// where, never a value: tokens, passwords and client secrets stay out of the page.
/// </summary>
public sealed class HealthIntegrations(IEnumerable<IIntegrationSource> sources, SettingsService settings, IntegrationActivity activity, PortalDb db)
{
    public async Task<IReadOnlyList<IntegrationRow>> ReadAsync(CancellationToken ct)
    {
        var rows = new List<IntegrationRow>();
        foreach (var source in sources)
            rows.AddRange((await source.IntegrationsAsync(ct)).Select(Http));
        rows.Add(await SmtpAsync((await settings.GetAsync(ct)).SmtpConfigured, ct));
        return rows;
    }

    private IntegrationRow Http(IntegrationSetting i)
    {
        var outcome = activity.Get(i.HttpClient);
        return new IntegrationRow(i.Key, i.Name, i.Configured, i.Setup, outcome?.LastSuccess, outcome?.LastFailure, outcome?.LastError);
    }

    /// <summary>SMTP is not an HTTP client: the outbox holds its history (last sent message, last error kept on a message).</summary>
    private async Task<IntegrationRow> SmtpAsync(bool configured, CancellationToken ct)
    {
        var emails = db.Set<OutboxEmail>().AsNoTracking();
        var lastSent = await emails.Where(e => e.Status == OutboxStatus.Sent).MaxAsync(e => e.SentAt, ct);
        var lastError = await emails.Where(e => e.LastError != null).OrderByDescending(e => e.Id).Select(e => e.LastError).FirstOrDefaultAsync(ct);
        var error = lastError is { } text ? (text.Length > 160 ? text[..160] + "…" : text) : null;
        return new IntegrationRow("smtp", "E-mail (SMTP)", configured, "Configurações → E-mail (servidor e remetente)", lastSent, null, error);
    }
}
