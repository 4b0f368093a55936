using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// source table + source id → target type + target id (operations.md §9.1 step 5): what makes a second run skip (or,
/// with --update, refresh) rows it already brought over instead of duplicating them.
/// </summary>
public sealed class LegacyImportMap
{
    public long Id { get; set; }
    public string SourceTable { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string TargetType { get; set; } = "";
    public long TargetId { get; set; }
    public DateTime ImportedAt { get; set; }
}

/// <summary>One committed import run: who, when, from where, and its report (JSON, downloadable).</summary>
public sealed class LegacyImportRun
{
    public long Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public long? StartedById { get; set; }
    public string Source { get; set; } = "";
    public bool Update { get; set; }
    public string Status { get; set; } = "";
    public string ReportJson { get; set; } = "";
}

internal sealed class LegacyImportMapConfiguration : IEntityTypeConfiguration<LegacyImportMap>
{
    public void Configure(EntityTypeBuilder<LegacyImportMap> b)
    {
        b.ToTable("LegacyImportMap");
        b.Property(m => m.SourceTable).HasMaxLength(60).IsRequired();
        b.Property(m => m.SourceId).HasMaxLength(64).IsRequired();
        b.Property(m => m.TargetType).HasMaxLength(40).IsRequired();
        b.HasIndex(m => new { m.SourceTable, m.SourceId, m.TargetType }).IsUnique();
    }
}

internal sealed class LegacyImportRunConfiguration : IEntityTypeConfiguration<LegacyImportRun>
{
    public void Configure(EntityTypeBuilder<LegacyImportRun> b)
    {
        b.ToTable("LegacyImportRuns");
        b.Property(r => r.Source).HasMaxLength(200).IsRequired();
        b.Property(r => r.Status).HasMaxLength(30).IsRequired();
        b.Property(r => r.ReportJson).IsRequired();
        b.HasIndex(r => r.StartedAt);
    }
}

public static class LegacyImportSets
{
    extension(Portal.Platform.Data.PortalDb db)
    {
        public DbSet<LegacyImportMap> LegacyImportMap => db.Set<LegacyImportMap>();
        public DbSet<LegacyImportRun> LegacyImportRuns => db.Set<LegacyImportRun>();
    }
}
