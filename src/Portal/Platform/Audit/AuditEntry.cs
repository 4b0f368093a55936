using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Audit;

/// <summary>Append-only audit record (operations.md §7.2). Only the retention job deletes rows.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public long? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public string Channel { get; set; } = AuditChannels.Web;
    public string Action { get; set; } = "";
    public string? ResourceType { get; set; }
    public string? ResourceId { get; set; }
    public string? ResourceLabel { get; set; }
    public string? Summary { get; set; }
    /// <summary>JSON list of {field, old, new} (opaque technical payload; secrets already redacted).</summary>
    public string? ChangesJson { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? RequestId { get; set; }
    public string? TokenId { get; set; }
    public bool IsRestricted { get; set; }
}

public static class AuditChannels
{
    public const string Web = "web", Api = "api", Job = "job", Cli = "cli", Import = "import";
}

public sealed record AuditChange(string Field, string? Old, string? New);

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.ActorName).HasMaxLength(120);
        b.Property(a => a.Channel).HasMaxLength(10).IsRequired();
        b.Property(a => a.Action).HasMaxLength(40).IsRequired();
        b.Property(a => a.ResourceType).HasMaxLength(60);
        b.Property(a => a.ResourceId).HasMaxLength(64);
        b.Property(a => a.ResourceLabel).HasMaxLength(200);
        b.Property(a => a.Summary).HasMaxLength(255);
        b.Property(a => a.Ip).HasMaxLength(45);
        b.Property(a => a.UserAgent).HasMaxLength(500);
        b.Property(a => a.RequestId).HasMaxLength(64);
        b.Property(a => a.TokenId).HasMaxLength(64);
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.ActorUserId, a.OccurredAt });
        b.HasIndex(a => new { a.Action, a.OccurredAt });
        b.HasIndex(a => new { a.ResourceType, a.ResourceId });
    }
}
