using System.Text.Json.Serialization;

namespace Portal.Features.Clients;

/// <summary>A client in lists (clients.md §10). Enums as English codes (api.md §2).</summary>
public sealed record ClientSummary(
    long Id, string Code, string Name, string? TradeName, string DocumentType, string Document, string TaxRegime,
    string? EstablishmentType, long? ParentClientId, bool IsActive);

public sealed record PartnerResponse(long Id, string Name, string? Qualification, bool IsAdministrator, string? Document);

public sealed record ChannelResponse(string Type, string Value);

public sealed record ContactResponse(long Id, string Name, string? Role, string? Notes, bool IsPrimary, IReadOnlyList<ChannelResponse> Channels);

public sealed record SystemResponse(long Id, string Code, string Label);

/// <summary>An access without its password (never in API client payloads, clients.md §7).</summary>
public sealed record CredentialResponse(long Id, string SystemName, string? Url, string? Username, string? Notes, bool HasPassword, DateTime? PasswordUpdatedAt);

public sealed record ProfileResponse(
    string DepartmentType, string Label, bool IsRestricted, long? ResponsibleUserId, string? Description, string? Particularities,
    IReadOnlyList<long> ContactIds, IReadOnlyDictionary<string, IReadOnlyList<string>> Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MovementNotes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ImportNotes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContactNotes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReportControlNotes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PayrollSendDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EmployeeRegistration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TimeClock,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Payment,
    int Version);

/// <summary>One client with its partners, contacts, systems, credentials (no passwords) and visible department profiles.</summary>
public sealed record ClientResponse(
    long Id, string Code, string Name, string? TradeName, string DocumentType, string Document, bool DocumentInvalid,
    DateOnly? OpeningDate, string? EstablishmentType, long? ParentClientId, string TaxRegime, bool BookkeepingCash,
    bool BookkeepingAccrual, string? MainActivityCode, string? MainActivity, string? ClientSystem, string? Street, string? Number,
    string? Complement, string? District, string? City, string? State, string? PostalCode, string? Phone, string? Email,
    string? CredentialsNotes, string? Notes, bool IsActive, DateTime? DeactivatedAt, string? DeactivationReason,
    IReadOnlyList<SystemResponse> Systems, IReadOnlyList<PartnerResponse> Partners, IReadOnlyList<ContactResponse> Contacts,
    IReadOnlyList<CredentialResponse> Credentials, IReadOnlyList<ProfileResponse> DepartmentProfiles, int Version);

public sealed record PasswordResponse(string Password);
