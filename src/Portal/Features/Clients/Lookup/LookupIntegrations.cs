using Microsoft.Extensions.Options;
using Portal.Platform.Health;

namespace Portal.Features.Clients.Lookup;

/// <summary>The company lookup's services on the health page: BrasilAPI, ReceitaWS (fallback) and Acessórias.</summary>
public sealed class LookupIntegrations(IOptionsMonitor<CompanyLookupOptions> options, CompanyLookup lookup) : IIntegrationSource
{
    public async Task<IReadOnlyList<IntegrationSetting>> IntegrationsAsync(CancellationToken ct)
    {
        var cnpj = await lookup.CnpjEnabledAsync();
        return
        [
            new("brasilapi", "Consulta de CNPJ — BrasilAPI", cnpj, "Clients:Lookup:Enabled (ou Configurações) e Clients:Lookup:BrasilApiUrl", CompanyLookup.BrasilApiClient),
            new("receitaws", "Consulta de CNPJ — ReceitaWS (reserva)", cnpj, "Clients:Lookup:Enabled (ou Configurações) e Clients:Lookup:ReceitaWsUrl", CompanyLookup.ReceitaWsClient),
            new("acessorias", "Acessórias (código do cliente)", options.CurrentValue.AcessoriasConfigured, "Clients:Lookup:AcessoriasBaseUrl e Clients:Lookup:AcessoriasToken", CompanyLookup.AcessoriasClient),
        ];
    }
}
