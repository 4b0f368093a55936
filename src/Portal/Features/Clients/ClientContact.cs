using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

public enum ContactChannelType { Email, Phone, WhatsApp }

/// <summary>A person at the client the firm talks to; 1–10 typed channels.</summary>
public sealed class ClientContact : Entity
{
    public long ClientId { get; set; }
    public string Name { get; set; } = "";
    public string? Role { get; set; }
    public string? Notes { get; set; }
    public bool IsPrimary { get; set; }
    public int SortOrder { get; set; }
    public List<ContactChannel> Channels { get; set; } = [];
}

/// <summary>E-mail (lower-case) or phone/WhatsApp (digits only, with DDD).</summary>
public sealed class ContactChannel
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public ContactChannelType Type { get; set; }
    public string Value { get; set; } = "";
    public int SortOrder { get; set; }
}

internal sealed class ClientContactConfiguration : IEntityTypeConfiguration<ClientContact>
{
    public void Configure(EntityTypeBuilder<ClientContact> b)
    {
        b.ToTable("ClientContacts");
        b.Property(c => c.Name).HasMaxLength(120).IsRequired();
        b.Property(c => c.Role).HasMaxLength(80);
        b.Property(c => c.Notes).HasMaxLength(300);
        b.HasOne<Client>().WithMany(c => c.Contacts).HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ClientId, c.SortOrder });
        b.HasMany(c => c.Channels).WithOne().HasForeignKey(ch => ch.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactChannelConfiguration : IEntityTypeConfiguration<ContactChannel>
{
    public void Configure(EntityTypeBuilder<ContactChannel> b)
    {
        b.ToTable("ClientContactChannels");
        b.Property(c => c.Type).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.Value).HasMaxLength(254).IsRequired();
        b.HasIndex(c => new { c.ContactId, c.SortOrder });
    }
}
