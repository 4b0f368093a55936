using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Identity;

/// <summary>A department of the firm. Display only: no behaviour depends on its name (identity.md §2).</summary>
public sealed class Sector : Entity
{
    public string Name { get; set; } = "";
    public string NameNormalized { get; set; } = "";
    public string? Description { get; set; }
    public string? Color { get; set; }
    public bool HasTaskBoard { get; set; } = true;
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public List<SectorMembership> Members { get; set; } = [];
}

public sealed class SectorMembership
{
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public long SectorId { get; set; }
    public Sector Sector { get; set; } = null!;
}

internal sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> b)
    {
        b.ToTable("Sectors");
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.NameNormalized).HasMaxLength(100).IsRequired();
        b.HasIndex(s => s.NameNormalized).IsUnique();
        b.Property(s => s.Description).HasMaxLength(255);
        b.Property(s => s.Color).HasMaxLength(7);
    }
}

internal sealed class SectorMembershipConfiguration : IEntityTypeConfiguration<SectorMembership>
{
    public void Configure(EntityTypeBuilder<SectorMembership> b)
    {
        b.ToTable("SectorMemberships");
        b.HasKey(m => new { m.UserId, m.SectorId });
        b.HasIndex(m => m.SectorId);
        b.HasOne(m => m.User).WithMany(u => u.Sectors).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Sector).WithMany(s => s.Members).HasForeignKey(m => m.SectorId).OnDelete(DeleteBehavior.Cascade);
    }
}
