using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Features.Account.Google;
using Portal.Features.Clients.Lookup;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Health;
using Portal.Platform.Settings;

namespace Portal.Features.Admin;

/// <summary>One row of "Integrações" on /admin/saude: whether it is configured and how its last calls went.</summary>
public sealed record IntegrationRow(string Key, string Name, bool Configured, string Setup, DateTime? LastSuccess, DateTime? LastFailure, string? LastError);

/// <summary>
/// The third-party integrations of the portal (operations.md §6.2): company lookup (BrasilAPI, ReceitaWS, Acessórias),
/// SMTP and Google sign-in. Only whether each is configured and where, never a value: tokens, passwords and client
/// secrets stay out of the page.
/// </summary>
public sealed class HealthIntegrations(IOptionsMonitor<CompanyLookupOptions> lookup, CompanyLookup companyLookup, SettingsService settings,
    IntegrationActivity activity, PortalDb db)
{
    public async Task<IReadOnlyList<IntegrationRow>> ReadAsync(CancellationToken ct)
    {
        var o = lookup.CurrentValue;
        var s = await settings.GetAsync(ct);
        var cnpj = await companyLookup.CnpjEnabledAsync();
        return
        [
            Http("brasilapi", "Consulta de CNPJ — BrasilAPI", cnpj, "Clients:Lookup:Enabled (ou Configurações) e Clients:Lookup:BrasilApiUrl", CompanyLookup.BrasilApiClient),
            Http("receitaws", "Consulta de CNPJ — ReceitaWS (reserva)", cnpj, "Clients:Lookup:Enabled (ou Configurações) e Clients:Lookup:ReceitaWsUrl", CompanyLookup.ReceitaWsClient),
            Http("acessorias", "Acessórias (código do cliente)", o.AcessoriasConfigured, "Clients:Lookup:AcessoriasBaseUrl e Clients:Lookup:AcessoriasToken", CompanyLookup.AcessoriasClient),
            await SmtpAsync(s.SmtpConfigured, ct),
            Http("google", "Login com Google", s.GoogleConfigured, "Configurações → Login com Google (Client ID e segredo)", GoogleProvider.HttpClientName),
        ];
    }

    private IntegrationRow Http(string key, string name, bool configured, string setup, string client)
    {
        var outcome = activity.Get(client);
        return new IntegrationRow(key, name, configured, setup, outcome?.LastSuccess, outcome?.LastFailure, outcome?.LastError);
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
