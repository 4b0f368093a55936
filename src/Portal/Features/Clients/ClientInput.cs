namespace Portal.Features.Clients;

/// <summary>
/// What a person (form) or a script (API) submits for a client. Enums and dates arrive as text so both channels get the
/// same pt-BR field errors for bad values; <see cref="ClientService"/> validates and normalizes everything.
/// </summary>
public sealed class ClientInput
{
    public string? Document { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? TradeName { get; set; }
    /// <summary>yyyy-MM-dd (date input, API) or dd/MM/yyyy.</summary>
    public string? OpeningDate { get; set; }
    public string? EstablishmentType { get; set; }
    public long? ParentClientId { get; set; }
    public string? TaxRegime { get; set; }
    public bool BookkeepingCash { get; set; }
    public bool BookkeepingAccrual { get; set; }
    public string? MainActivityCode { get; set; }
    public string? MainActivity { get; set; }
    public string? ClientSystem { get; set; }
    public List<long> SystemIds { get; set; } = [];
    public string? Street { get; set; }
    public string? Number { get; set; }
    public string? Complement { get; set; }
    public string? District { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? CredentialsNotes { get; set; }
    public string? Notes { get; set; }
    public bool IsActive { get; set; } = true;
    public string? DeactivationReason { get; set; }
    public List<PartnerInput> Partners { get; set; } = [];
    public List<ContactInput> Contacts { get; set; } = [];
}

public sealed class PartnerInput
{
    public long? Id { get; set; }
    public string? Name { get; set; }
    public string? Qualification { get; set; }
    public bool IsAdministrator { get; set; }
    public string? Document { get; set; }
}

public sealed class ContactInput
{
    public long? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Notes { get; set; }
    public bool IsPrimary { get; set; }
    public List<ChannelInput> Channels { get; set; } = [];
}

public sealed class ChannelInput
{
    /// <summary>Email, Phone or WhatsApp.</summary>
    public string? Type { get; set; }
    public string? Value { get; set; }
}
