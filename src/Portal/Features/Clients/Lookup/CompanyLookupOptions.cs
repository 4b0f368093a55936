namespace Portal.Features.Clients.Lookup;

/// <summary>Configuration section "Clients:Lookup" (README, Clientes). Off unless <see cref="Enabled"/> (README §5).</summary>
public sealed class CompanyLookupOptions
{
    public const string Section = "Clients:Lookup";
    /// <summary>Settings row that also turns the CNPJ lookup on ("true"), for installations configured from the UI.</summary>
    public const string SettingKey = "clients.cnpj_lookup_enabled";

    public bool Enabled { get; set; }
    /// <summary>{cnpj} is replaced by the 14 characters.</summary>
    public string BrasilApiUrl { get; set; } = "https://brasilapi.com.br/api/cnpj/v1/{cnpj}";
    public string ReceitaWsUrl { get; set; } = "https://www.receitaws.com.br/v1/cnpj/{cnpj}";
    /// <summary>Per provider: after this the next source is asked.</summary>
    public double TimeoutSeconds { get; set; } = 10;
    /// <summary>Extra attempts of an idempotent GET after a 5xx or a connection failure (not after 429).</summary>
    public int Retries { get; set; } = 1;
    public int RetryDelayMilliseconds { get; set; } = 300;
    public double CacheHours { get; set; } = 24;
    public int PerUserPerMinute { get; set; } = 10;
    /// <summary>Acessórias API base (e.g. https://api.acessorias.com); with <see cref="AcessoriasToken"/> enables the code lookup.</summary>
    public string? AcessoriasBaseUrl { get; set; }
    public string? AcessoriasToken { get; set; }

    public bool AcessoriasConfigured => !string.IsNullOrWhiteSpace(AcessoriasBaseUrl) && !string.IsNullOrWhiteSpace(AcessoriasToken);
}
