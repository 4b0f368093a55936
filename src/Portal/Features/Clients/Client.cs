using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

public enum ClientDocumentType { CNPJ, CPF }

public enum EstablishmentType { Matriz, Filial }

/// <summary>Fixed enum (platform.md §6: tax regimes are not a lookup list).</summary>
public enum TaxRegime { MEI, SimplesNacional, LucroPresumido, LucroReal }

/// <summary>A client of the firm (clients.md §2): the hub other modules link to.</summary>
public sealed class Client : Entity
{
    public string Code { get; set; } = "";
    /// <summary>Trimmed upper-case code: the unique key of clients.md §2 (case-insensitive on both providers).</summary>
    public string CodeNormalized { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary><see cref="Portal.Platform.Text.TextNormalizer.Key"/> of the name: accent-insensitive search on SQLite too.</summary>
    public string NameNormalized { get; set; } = "";
    public string? TradeName { get; set; }
    public string? TradeNameNormalized { get; set; }
    public ClientDocumentType DocumentType { get; set; }
    /// <summary>Without punctuation, upper-case; unique across all clients, active or not.</summary>
    public string Document { get; set; } = "";
    /// <summary>Imported from the original with wrong check digits (operations.md §9.3): kept and flagged.</summary>
    public bool DocumentInvalid { get; set; }
    public DateOnly? OpeningDate { get; set; }
    public EstablishmentType? EstablishmentType { get; set; }
    public long? ParentClientId { get; set; }
    public Client? ParentClient { get; set; }
    public TaxRegime TaxRegime { get; set; }
    public bool BookkeepingCash { get; set; }
    public bool BookkeepingAccrual { get; set; }
    public string? MainActivityCode { get; set; }
    public string? MainActivity { get; set; }
    public string? ClientSystem { get; set; }
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
    public DateTime? DeactivatedAt { get; set; }
    public string? DeactivationReason { get; set; }
    [NotAnEdit] public DateTime? AcessoriasSyncedAt { get; set; }

    public List<ClientSystemLink> Systems { get; set; } = [];
    public List<ClientPartner> Partners { get; set; } = [];
    public List<ClientContact> Contacts { get; set; } = [];
    public List<ClientCredential> Credentials { get; set; } = [];
    public List<ClientDepartmentProfile> DepartmentProfiles { get; set; } = [];

    public string Label => $"{Code} – {Name}";
}

/// <summary>Systems used for the client: many-to-many with the "client_systems" lookup list (platform.md §6).</summary>
public sealed class ClientSystemLink
{
    public long ClientId { get; set; }
    public long LookupValueId { get; set; }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> b)
    {
        b.ToTable("Clients");
        b.Property(c => c.Code).HasMaxLength(30).IsRequired();
        b.Property(c => c.CodeNormalized).HasMaxLength(30).IsRequired();
        b.HasIndex(c => c.CodeNormalized).IsUnique();
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.NameNormalized).HasMaxLength(200).IsRequired();
        b.HasIndex(c => c.NameNormalized);
        b.Property(c => c.TradeName).HasMaxLength(200);
        b.Property(c => c.TradeNameNormalized).HasMaxLength(200);
        b.Property(c => c.DocumentType).HasConversion<string>().HasMaxLength(4);
        b.Property(c => c.Document).HasMaxLength(14).IsRequired();
        b.HasIndex(c => c.Document).IsUnique();
        b.Property(c => c.EstablishmentType).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.TaxRegime).HasConversion<string>().HasMaxLength(20);
        b.HasOne(c => c.ParentClient).WithMany().HasForeignKey(c => c.ParentClientId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.MainActivityCode).HasMaxLength(10);
        b.Property(c => c.MainActivity).HasMaxLength(200);
        b.Property(c => c.ClientSystem).HasMaxLength(150);
        b.Property(c => c.Street).HasMaxLength(150);
        b.Property(c => c.Number).HasMaxLength(20);
        b.Property(c => c.Complement).HasMaxLength(100);
        b.Property(c => c.District).HasMaxLength(100);
        b.Property(c => c.City).HasMaxLength(100);
        b.Property(c => c.State).HasMaxLength(2);
        b.Property(c => c.PostalCode).HasMaxLength(8);
        b.Property(c => c.Phone).HasMaxLength(11);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.CredentialsNotes).HasMaxLength(500);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.Property(c => c.DeactivationReason).HasMaxLength(200);
        b.Ignore(c => c.Label);
        // The list's default filter and sort: active clients by establishment type, ordered by name or code.
        b.HasIndex(c => new { c.IsActive, c.NameNormalized });
        b.HasIndex(c => new { c.IsActive, c.CodeNormalized });
        b.HasIndex(c => c.TaxRegime);
        b.HasMany(c => c.Systems).WithOne().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientSystemLinkConfiguration : IEntityTypeConfiguration<ClientSystemLink>
{
    public void Configure(EntityTypeBuilder<ClientSystemLink> b)
    {
        b.ToTable("ClientSystems");
        b.HasKey(s => new { s.ClientId, s.LookupValueId });
        b.HasIndex(s => s.LookupValueId);
        b.HasOne<Portal.Platform.Lookups.LookupValue>().WithMany().HasForeignKey(s => s.LookupValueId).OnDelete(DeleteBehavior.Restrict);
    }
}
