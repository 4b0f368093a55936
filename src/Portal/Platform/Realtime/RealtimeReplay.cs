using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Realtime;

/// <summary>Where a (re)connecting stream starts: the events it missed, or <see cref="Resync"/> when they are lost.</summary>
/// <param name="Position">The id the <c>ready</c> event carries: the client's own when resumed, the newest when lost — so a
/// browser that reconnects by itself before any other event still sends a Last-Event-ID.</param>
public sealed record RealtimeResume(bool Resync, IReadOnlyList<RealtimeEvent> Missed, long Position);

/// <summary>
/// <c>Last-Event-ID</c> resume from the database (notifications.md §5, NTF-04): a client that comes back within
/// <see cref="Window"/> gets what it missed, in order; otherwise — id too old, purged or unknown — it is told to
/// <c>resync</c> (reload its data). One short query at connect time; the open stream then holds no connection.
/// </summary>
public sealed class RealtimeReplay(PortalDb db, TimeProvider clock)
{
    /// <summary>How far back a reconnect is replayed (spec: 10 minutes).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>How long rows are kept: longer than <see cref="Window"/>, so a recent client's last id still has its row.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    /// <summary>More missed events than this is not a hiccup: reloading is cheaper than replaying.</summary>
    public const int MaxReplay = 500;

    /// <summary>The newest stored id: the position a fresh stream starts at (sent as the <c>ready</c> event's id).</summary>
    public async Task<long> LatestAsync(CancellationToken ct = default) =>
        await db.RealtimeEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;

    public async Task<RealtimeResume> ResumeAsync(long userId, string lastEventId, CancellationToken ct = default)
    {
        var latest = await LatestAsync(ct);
        var lost = new RealtimeResume(true, [], latest);
        if (!long.TryParse(lastEventId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)) return lost;
        if (last > latest) return lost; // not one of ours (another database, an older id scheme)
        if (last == latest) return new RealtimeResume(false, [], last);
        // Rows go in id order and are purged oldest first: while the client's own position is still stored, nothing after
        // it was purged (position 0, a stream opened on an empty table, is safe while the very first row is there).
        // Its first missed event (anyone's) tells how long ago it went away.
        var anchor = last == 0 ? 1 : last;
        if (!await db.RealtimeEvents.AnyAsync(e => e.Id <= anchor, ct)) return lost;
        var firstMissedAt = await db.RealtimeEvents.Where(e => e.Id > last).OrderBy(e => e.Id).Select(e => e.CreatedAt).FirstAsync(ct);
        if (firstMissedAt < clock.GetUtcNow().UtcDateTime - Window) return lost;

        var member = RealtimeEvent.Member(userId);
        var missed = await db.RealtimeEvents.AsNoTracking()
            .Where(e => e.Id > last && (e.Audience == null || e.Audience.Contains(member)))
            .OrderBy(e => e.Id).Take(MaxReplay + 1).ToListAsync(ct);
        return missed.Count > MaxReplay ? lost : new RealtimeResume(false, missed, last);
    }

    /// <summary>Deletes rows older than <see cref="Kept"/> (a scheduled job; never while serving a stream).</summary>
    public Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - Kept;
        return db.RealtimeEvents.Where(e => e.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
