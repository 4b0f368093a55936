using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Notifications;

/// <summary>
/// One day's run of a digest rule (notifications.md §2 Delivery). The unique (rule, day) pair is what makes a digest go
/// out at most once a day, whichever instance or restart gets there first. Recorded also when there was nothing to send.
/// </summary>
public sealed class DigestRun
{
    public long Id { get; set; }
    public long RuleId { get; set; }
    /// <summary>The São Paulo day the digest belongs to.</summary>
    public DateOnly RunDate { get; set; }
    public DateTime SentAt { get; set; }
    public int ItemCount { get; set; }
    /// <summary>How many people received it.</summary>
    public int RecipientCount { get; set; }
}

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> b)
    {
        b.ToTable("DigestRuns");
        b.HasIndex(r => new { r.RuleId, r.RunDate }).IsUnique();
        b.HasOne<NotificationRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
