using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Contracts;
using Portal.Platform.Identity;

namespace Portal.Features.Notifications;

/// <summary>
/// A person's channel choice for one category (notifications.md §10, NTF-15). No row = what the rules say. A channel
/// turned off here is skipped even when a rule names it; "Sistema" in the portal cannot be turned off.
/// </summary>
public sealed class NotificationPreference
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public NotificationCategory Category { get; set; }
    public bool InApp { get; set; } = true;
    public bool Email { get; set; } = true;
    public bool Push { get; set; } = true;
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
