using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Contracts;
using Portal.Platform.Identity;

namespace Portal.Features.Notifications;

/// <summary>
/// A person's channel choice for one category (notifications.md §10, NTF-15). No row = what the rules say. A channel
/// turned off here is skipped even when a rule names it; "Sistema" in the portal cannot be turned off. In the portal
/// off: the notification is still recorded (dedup, e-mail, history) but arrives already read, with no bell or toast.
/// </summary>
public sealed class NotificationPreference
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public NotificationCategory Category { get; set; }
    public bool InApp { get; set; } = true;
    public bool Email { get; set; } = true;
    public bool Push { get; set; } = true;

    /// <summary>"Resumo diário por e-mail": instead of one e-mail per notification, one e-mail at 18:00 (São Paulo) with
    /// the day's unread notifications of this category.</summary>
    public bool EmailDigest { get; set; }

    /// <summary>Categories whose in-app notifications nobody may switch off.</summary>
    public static bool InAppMandatory(NotificationCategory category) => category == NotificationCategory.Sistema;
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        b.Property(p => p.Category).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(p => new { p.UserId, p.Category }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
