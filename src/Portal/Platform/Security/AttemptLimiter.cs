using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Security;

public readonly record struct LimitResult(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Attempt counter stored in the database (shared by every instance): login per IP, password-reset requests per
/// account and per IP. Windows are aligned so concurrent callers hit the same row; the previous window is weighted in
/// (sliding-window estimate) so a burst that straddles a boundary is still caught.
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
        var previousStart = start - window;
        var counts = await db.RateLimitCounters.Where(c => c.Key == key && (c.WindowStart == start || c.WindowStart == previousStart))
            .Select(c => new { c.WindowStart, c.Count }).ToListAsync(ct);
        var current = counts.Where(c => c.WindowStart == start).Sum(c => c.Count);
        var previous = counts.Where(c => c.WindowStart == previousStart).Sum(c => c.Count);
        var elapsed = (now - start).TotalMilliseconds / window.TotalMilliseconds;
        var estimate = previous * (1 - elapsed) + current;
        return new LimitResult(estimate <= limit, retryAfter);
    }

    /// <summary>Old windows are useless after they end; the session-cleanup job calls this.</summary>
    public Task<int> PurgeAsync(TimeSpan olderThan) =>
        db.RateLimitCounters.Where(c => c.WindowStart < clock.GetUtcNow().UtcDateTime - olderThan).ExecuteDeleteAsync();
}
