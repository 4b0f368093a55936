namespace Portal.Features.Clients.Lookup;

public enum LookupStatus { Found, NotFound, Unavailable, Invalid }

public sealed record PartnerPrefill(string Name, string? Qualification, bool IsAdministrator);

/// <summary>Values for the client form (clients.md §4). Nothing is saved until the user submits the form.</summary>
public sealed record CompanyPrefill
{
    public required string Document { get; init; }
    public string? Name { get; init; }
    public string? TradeName { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? OpeningDate { get; init; }
    public string? MainActivityCode { get; init; }
    public string? MainActivity { get; init; }
    public string? Street { get; init; }
    public string? Number { get; init; }
    public string? Complement { get; init; }
    public string? District { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>"ATIVA", "BAIXADA", "INAPTA"… as the Receita answers.</summary>
    public string? RegistrationStatus { get; init; }
    /// <summary>MEI or SimplesNacional when the Receita says so; otherwise null (the user chooses).</summary>
    public string? TaxRegime { get; init; }
    /// <summary>The firm's client code in Acessórias, when that integration is configured.</summary>
    public string? Code { get; init; }
    public IReadOnlyList<PartnerPrefill> Partners { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
}

public sealed record CompanyLookupResult(LookupStatus Status, CompanyPrefill? Prefill = null)
{
    public const string NotFoundMessage = "CNPJ não encontrado na Receita.";
    public const string UnavailableMessage = "Consulta indisponível no momento. Preencha os dados manualmente.";
}

/// <summary>
/// CNPJ/CPF lookup (clients.md §4): public Receita data (BrasilAPI, then ReceitaWS) plus the firm's code from
/// Acessórias when configured. Read-only: it never writes to any third party.
/// </summary>
public interface ICompanyLookup
{
    Task<CompanyLookupResult> LookupAsync(string document, CancellationToken ct = default);
}
