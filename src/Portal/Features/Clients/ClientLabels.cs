namespace Portal.Features.Clients;

/// <summary>pt-BR labels of the module's enums (API uses the English codes, api.md §2).</summary>
public static class ClientLabels
{
    public static string Regime(TaxRegime regime) => regime switch
    {
        TaxRegime.MEI => "MEI",
        TaxRegime.SimplesNacional => "Simples Nacional",
        TaxRegime.LucroPresumido => "Lucro Presumido",
        TaxRegime.LucroReal => "Lucro Real",
        _ => regime.ToString(),
    };

    public static string RegimeBadge(TaxRegime regime) => regime switch
    {
        TaxRegime.MEI => "text-bg-info",
        TaxRegime.SimplesNacional => "text-bg-success",
        TaxRegime.LucroPresumido => "text-bg-warning",
        _ => "text-bg-primary",
    };

    public static string? Bookkeeping(bool cash, bool accrual) => (cash, accrual) switch
    {
        (true, true) => "Caixa, Competência",
        (true, false) => "Caixa",
        (false, true) => "Competência",
        _ => null,
    };

    public static string Channel(ContactChannelType type) => type switch
    {
        ContactChannelType.Email => "E-mail",
        ContactChannelType.Phone => "Telefone",
        _ => "WhatsApp",
    };

    public static string Establishment(Client c) => c.DocumentType == ClientDocumentType.CPF ? "Pessoa física" : c.EstablishmentType?.ToString() ?? "";
}
