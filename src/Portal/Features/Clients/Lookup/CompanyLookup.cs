using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Features.Clients.Lookup;

/// <summary>
/// BrasilAPI first; on timeout, 5xx, 429 or an unreadable answer, ReceitaWS. A 404 from BrasilAPI (or ReceitaWS
/// "status": "ERROR") is final. Found and not-found answers are cached per document; failures are not.
/// </summary>
public sealed class CompanyLookup(
    IHttpClientFactory httpFactory, IOptionsMonitor<CompanyLookupOptions> options, IMemoryCache cache, SettingsService settings,
    ILogger<CompanyLookup> logger) : ICompanyLookup
{
    public const string BrasilApiClient = "clients-lookup-brasilapi";
    public const string ReceitaWsClient = "clients-lookup-receitaws";
    public const string AcessoriasClient = "clients-lookup-acessorias";

    /// <summary>Whether "Consulta de CNPJ" is on: configuration, or the settings row for installations configured in the UI.</summary>
    public async Task<bool> CnpjEnabledAsync() =>
        options.CurrentValue.Enabled || string.Equals((await settings.GetAsync()).Raw(CompanyLookupOptions.SettingKey), "true", StringComparison.OrdinalIgnoreCase);

    public async Task<CompanyLookupResult> LookupAsync(string document, CancellationToken ct = default)
    {
        var doc = Documents.Clean(document);
        var isCpf = doc.Length == 11;
        if (isCpf ? !Documents.IsCpf(doc) : !Documents.IsCnpj(doc)) return new CompanyLookupResult(LookupStatus.Invalid);
        var o = options.CurrentValue;
        var cnpjEnabled = !isCpf && await CnpjEnabledAsync();
        // CPF has no public source: only Acessórias answers it (clients.md §4.3).
        if (!cnpjEnabled && !(isCpf && o.AcessoriasConfigured)) return new CompanyLookupResult(LookupStatus.Unavailable);

        var key = "clients:lookup:" + doc;
        if (cache.TryGetValue(key, out CompanyLookupResult? cached) && cached is not null) return cached;

        var result = isCpf ? await CpfAsync(doc, o, ct) : await CnpjAsync(doc, o, ct);
        if (result.Status is LookupStatus.Found or LookupStatus.NotFound)
            cache.Set(key, result, TimeSpan.FromHours(Math.Max(o.CacheHours, 0.001)));
        return result;
    }

    private async Task<CompanyLookupResult> CnpjAsync(string cnpj, CompanyLookupOptions o, CancellationToken ct)
    {
        var answer = await ReceitaSources.QueryAsync(httpFactory.CreateClient(BrasilApiClient), Url(o.BrasilApiUrl, cnpj), ReceitaSources.BrasilApi, ct);
        if (answer.Outcome == SourceOutcome.Failed)
        {
            logger.LogWarning("Consulta de CNPJ: BrasilAPI falhou ({Reason}); tentando ReceitaWS", answer.Reason);
            answer = await ReceitaSources.QueryAsync(httpFactory.CreateClient(ReceitaWsClient), Url(o.ReceitaWsUrl, cnpj), ReceitaSources.ReceitaWs, ct);
            if (answer.Outcome == SourceOutcome.Failed) logger.LogWarning("Consulta de CNPJ: ReceitaWS falhou ({Reason})", answer.Reason);
        }
        if (answer.Outcome == SourceOutcome.NotFound) return new CompanyLookupResult(LookupStatus.NotFound);
        if (answer.Outcome == SourceOutcome.Failed) return new CompanyLookupResult(LookupStatus.Unavailable);

        var prefill = answer.Prefill! with { Document = cnpj };
        if (o.AcessoriasConfigured) prefill = await WithAcessoriasAsync(prefill, o, ct);
        return new CompanyLookupResult(LookupStatus.Found, prefill);
    }

    private async Task<CompanyLookupResult> CpfAsync(string cpf, CompanyLookupOptions o, CancellationToken ct)
    {
        var answer = await AcessoriasCompanies.GetAsync(httpFactory.CreateClient(AcessoriasClient), o, cpf, ct);
        if (!answer.Reached) return new CompanyLookupResult(LookupStatus.Unavailable);
        if (!answer.Found) return new CompanyLookupResult(LookupStatus.NotFound);
        return new CompanyLookupResult(LookupStatus.Found, new CompanyPrefill
        {
            Document = cpf, Code = answer.Code, TaxRegime = answer.TaxRegime, Sources = [AcessoriasCompanies.Source],
        });
    }

    private async Task<CompanyPrefill> WithAcessoriasAsync(CompanyPrefill prefill, CompanyLookupOptions o, CancellationToken ct)
    {
        var answer = await AcessoriasCompanies.GetAsync(httpFactory.CreateClient(AcessoriasClient), o, prefill.Document, ct);
        if (!answer.Found) return prefill;
        return prefill with
        {
            Code = answer.Code ?? prefill.Code,
            TaxRegime = answer.TaxRegime ?? prefill.TaxRegime,
            Sources = [.. prefill.Sources, AcessoriasCompanies.Source],
        };
    }

    private static string Url(string template, string cnpj) =>
        template.Contains("{cnpj}", StringComparison.Ordinal) ? template.Replace("{cnpj}", cnpj, StringComparison.Ordinal) : template.TrimEnd('/') + "/" + cnpj;
}
