using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Notifications;

/// <summary>One in-app notification of one recipient (notifications.md §2). Never edited except for <see cref="ReadAt"/>.</summary>
public sealed class Notification
{
    public const int EventTypeMax = 60;
    public const int TitleMax = 120;
    public const int BodyMax = 500;
    public const int LinkMax = 500;
    public const int SourceTypeMax = 40;
    public const int DedupKeyMax = 120;

    public long Id { get; set; }
    public long RecipientId { get; set; }
    public string EventType { get; set; } = "";
    public NotificationCategory Category { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Link { get; set; } = "/";
    public string? SourceType { get; set; }
    public long? SourceId { get; set; }

    /// <summary>Unique per recipient: a second insert of the same event occurrence is ignored (NTF-02).</summary>
    public string DedupKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.EventType).HasMaxLength(Notification.EventTypeMax);
        b.Property(n => n.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Title).HasMaxLength(Notification.TitleMax);
        b.Property(n => n.Body).HasMaxLength(Notification.BodyMax);
        b.Property(n => n.Link).HasMaxLength(Notification.LinkMax);
        b.Property(n => n.SourceType).HasMaxLength(Notification.SourceTypeMax);
        b.Property(n => n.DedupKey).HasMaxLength(Notification.DedupKeyMax);
        b.HasIndex(n => new { n.RecipientId, n.DedupKey }).IsUnique();
        // The center's pages (newest first) and the unread badge, both per recipient.
        b.HasIndex(n => new { n.RecipientId, n.Id });
        b.HasIndex(n => new { n.RecipientId, n.ReadAt });
        b.HasIndex(n => n.CreatedAt); // nightly purge
        b.HasIndex(n => new { n.SourceType, n.SourceId }); // deleting a source deletes its notifications
        b.HasOne<User>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class NotificationSets
{
    extension(PortalDb db)
    {
        public DbSet<Notification> Notifications => db.Set<Notification>();
        public DbSet<NotificationRule> NotificationRules => db.Set<NotificationRule>();
        public DbSet<DigestRun> DigestRuns => db.Set<DigestRun>();
        public DbSet<NotificationPreference> NotificationPreferences => db.Set<NotificationPreference>();
    }
}
