using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Realtime;

/// <summary>Where a (re)connecting stream starts: the events it missed, or <see cref="Resync"/> when they are lost.</summary>
public sealed record RealtimeResume(bool Resync, IReadOnlyList<RealtimeEvent> Missed)
{
    public static readonly RealtimeResume Lost = new(true, []);
    public static readonly RealtimeResume Nothing = new(false, []);
}

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
        if (!long.TryParse(lastEventId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)) return RealtimeResume.Lost;
        var latest = await LatestAsync(ct);
        if (last > latest) return RealtimeResume.Lost; // not one of ours (another database, an older id scheme)
        if (last == latest) return RealtimeResume.Nothing;
        // Rows go in id order and are purged oldest first: while the client's own position is still stored, nothing after
        // it was purged (position 0, a stream opened on an empty table, is safe while the very first row is there).
        // Its first missed event (anyone's) tells how long ago it went away.
        var anchor = last == 0 ? 1 : last;
        if (!await db.RealtimeEvents.AnyAsync(e => e.Id <= anchor, ct)) return RealtimeResume.Lost;
        var firstMissedAt = await db.RealtimeEvents.Where(e => e.Id > last).OrderBy(e => e.Id).Select(e => e.CreatedAt).FirstAsync(ct);
        if (firstMissedAt < clock.GetUtcNow().UtcDateTime - Window) return RealtimeResume.Lost;

        var member = RealtimeEvent.Member(userId);
        var missed = await db.RealtimeEvents.AsNoTracking()
            .Where(e => e.Id > last && (e.Audience == null || e.Audience.Contains(member)))
            .OrderBy(e => e.Id).Take(MaxReplay + 1).ToListAsync(ct);
        return missed.Count > MaxReplay ? RealtimeResume.Lost : new RealtimeResume(false, missed);
    }

    /// <summary>Deletes rows older than <see cref="Kept"/> (a scheduled job; never while serving a stream).</summary>
    public Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - Kept;
        return db.RealtimeEvents.Where(e => e.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
