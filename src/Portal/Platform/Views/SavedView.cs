using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Views;

/// <summary>Named filters/sort/columns of a list (platform.md §8); personal or shared with a role/sector.</summary>
public sealed class SavedView : Entity
{
    public string Name { get; set; } = "";
    public string ListKey { get; set; } = "";
    /// <summary>The list's query string (filters, sort, page size) — opaque to the platform.</summary>
    public string Query { get; set; } = "";
    public string? Columns { get; set; }
    public bool IsDefault { get; set; }
    public long? OwnerUserId { get; set; }
    public long? SharedWithRoleId { get; set; }
    public long? SharedWithSectorId { get; set; }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.ToTable("SavedViews");
        b.Property(v => v.Name).HasMaxLength(60).IsRequired();
        b.Property(v => v.ListKey).HasMaxLength(60).IsRequired();
        b.Property(v => v.Query).HasMaxLength(2000).IsRequired();
        b.Property(v => v.Columns).HasMaxLength(2000);
        b.HasIndex(v => new { v.OwnerUserId, v.ListKey });
        b.HasIndex(v => new { v.ListKey, v.SharedWithRoleId });
        b.HasIndex(v => new { v.ListKey, v.SharedWithSectorId });
    }
}
