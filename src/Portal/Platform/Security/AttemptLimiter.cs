using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Security;

public readonly record struct LimitResult(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window attempt counter stored in the database (shared by every instance): login per IP, password-reset
/// requests per account and per IP. Window boundaries are aligned so concurrent callers hit the same row.
/// </summary>
public sealed class AttemptLimiter(PortalDb db, TimeProvider clock)
{
    public async Task<LimitResult> HitAsync(string key, int limit, TimeSpan window, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - now.Ticks % window.Ticks, DateTimeKind.Utc);
        var retryAfter = start + window - now;
        var updated = await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == start)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1), ct);
        if (updated == 0)
        {
            db.RateLimitCounters.Add(new RateLimitCounter { Key = key, WindowStart = start, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request created the row first: count on it.
                db.ChangeTracker.Clear();
                await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == start)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1), ct);
            }
            finally
            {
                foreach (var e in db.ChangeTracker.Entries<RateLimitCounter>().ToList()) e.State = EntityState.Detached;
            }
        }
        var count = await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == start).Select(c => c.Count).FirstAsync(ct);
        return new LimitResult(count <= limit, retryAfter);
    }

    /// <summary>Old windows are useless after they end; the session-cleanup job calls this.</summary>
    public Task<int> PurgeAsync(TimeSpan olderThan) =>
        db.RateLimitCounters.Where(c => c.WindowStart < clock.GetUtcNow().UtcDateTime - olderThan).ExecuteDeleteAsync();
}
