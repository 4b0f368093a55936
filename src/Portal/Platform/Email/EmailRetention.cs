using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Email;

/// <summary>notifications.md §7: sent e-mails are kept 30 days, failed ones 90 days.</summary>
public sealed class EmailRetention(PortalDb db)
{
    public static readonly TimeSpan KeepSent = TimeSpan.FromDays(30);
    public static readonly TimeSpan KeepFailed = TimeSpan.FromDays(90);

    public async Task<int> PurgeAsync(DateTime now, CancellationToken ct = default)
    {
        var sentBefore = now - KeepSent;
        var failedBefore = now - KeepFailed;
        var sent = await db.OutboxEmails.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < sentBefore).ExecuteDeleteAsync(ct);
        var failed = await db.OutboxEmails.Where(m => m.Status == OutboxStatus.Failed && m.CreatedAt < failedBefore).ExecuteDeleteAsync(ct);
        return sent + failed;
    }
}
