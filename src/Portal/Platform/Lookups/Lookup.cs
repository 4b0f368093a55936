using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Lookups;

/// <summary>A configurable list of values (platform.md §6), e.g. systems used by clients.</summary>
public sealed class LookupList : Entity
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Permission needed to edit the values of this list.</summary>
    public string ManagePermission { get; set; } = "";
    public List<LookupValue> Values { get; set; } = [];
}

public sealed class LookupValue : Entity
{
    public long ListId { get; set; }
    public LookupList List { get; set; } = null!;
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Color { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

internal sealed class LookupListConfiguration : IEntityTypeConfiguration<LookupList>
{
    public void Configure(EntityTypeBuilder<LookupList> b)
    {
        b.ToTable("LookupLists");
        b.Property(l => l.Key).HasMaxLength(60).IsRequired();
        b.HasIndex(l => l.Key).IsUnique();
        b.Property(l => l.Name).HasMaxLength(100).IsRequired();
        b.Property(l => l.ManagePermission).HasMaxLength(100).IsRequired();
    }
}

internal sealed class LookupValueConfiguration : IEntityTypeConfiguration<LookupValue>
{
    public void Configure(EntityTypeBuilder<LookupValue> b)
    {
        b.ToTable("LookupValues");
        b.Property(v => v.Code).HasMaxLength(60).IsRequired();
        b.Property(v => v.Label).HasMaxLength(100).IsRequired();
        b.Property(v => v.Color).HasMaxLength(7);
        b.HasIndex(v => new { v.ListId, v.Code }).IsUnique();
        b.HasOne(v => v.List).WithMany(l => l.Values).HasForeignKey(v => v.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}
