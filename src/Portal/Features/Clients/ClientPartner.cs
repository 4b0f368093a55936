using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

/// <summary>A partner (sócio) of the client; administrators are listed first.</summary>
public sealed class ClientPartner : Entity
{
    public long ClientId { get; set; }
    public string Name { get; set; } = "";
    public string? Qualification { get; set; }
    public bool IsAdministrator { get; set; }
    public string? Document { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class ClientPartnerConfiguration : IEntityTypeConfiguration<ClientPartner>
{
    public void Configure(EntityTypeBuilder<ClientPartner> b)
    {
        b.ToTable("ClientPartners");
        b.Property(p => p.Name).HasMaxLength(150).IsRequired();
        b.Property(p => p.Qualification).HasMaxLength(100);
        b.Property(p => p.Document).HasMaxLength(14);
        b.HasOne<Client>().WithMany(c => c.Partners).HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ClientId, p.SortOrder });
    }
}
