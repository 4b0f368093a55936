using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Features.Notifications;

/// <summary>
/// Nightly purge (notifications.md §7, NTF-13): read notifications older than 60 days and any older than 180 days.
/// Scheduled daily at 03:30 (São Paulo) through Platform/Jobs; never run as a side effect of reading.
/// </summary>
public sealed class NotificationRetention(PortalDb db)
{
    public const string JobKey = "notifications-purge";

    public static readonly TimeSpan ReadKept = TimeSpan.FromDays(60);
    public static readonly TimeSpan AnyKept = TimeSpan.FromDays(180);

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var readBefore = nowUtc - ReadKept;
        var anyBefore = nowUtc - AnyKept;
        return await db.Notifications
            .Where(n => n.CreatedAt < anyBefore || (n.ReadAt != null && n.CreatedAt < readBefore))
            .ExecuteDeleteAsync(ct);
    }
}
