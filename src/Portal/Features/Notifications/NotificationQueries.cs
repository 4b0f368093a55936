using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Notifications;

/// <summary>The center's filters (notifications.md §8): unread only, category, period (São Paulo dates, inclusive).</summary>
public sealed record NotificationFilter(bool UnreadOnly = false, NotificationCategory? Category = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

public sealed record BellState(int Unread, long LatestId);

public sealed record NotificationItem(long Id, string EventType, NotificationCategory Category, string Title, string Body, string Link,
    string? SourceType, long? SourceId, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>
/// Everything the bell, the center and the API read or mark — always for one recipient, so another user's id simply
/// matches nothing (NTF-03). Reading never deletes (NTF-13).
/// </summary>
public sealed class NotificationQueries(PortalDb db, TimeProvider clock, StampedCache cache)
{
    public const int RecentCount = 20;

    /// <summary>The bell is on every page: its figures are cached until the next write to notifications (ADR-015).</summary>
    public static readonly ChangeGroup Tables = new("notifications", ["Notifications"]);
    private static readonly TimeSpan BellLifetime = TimeSpan.FromSeconds(2);

    /// <summary>The header bell's unread count and the newest id the page knows of (anything newer found later is new: toast).</summary>
    public Task<BellState> BellAsync(long userId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Tables.Name, userId.ToString(CultureInfo.InvariantCulture), BellLifetime, async () =>
            await db.Notifications.Where(n => n.RecipientId == userId).GroupBy(n => n.RecipientId)
                .Select(g => new BellState(g.Count(n => n.ReadAt == null), g.Max(n => n.Id))).FirstOrDefaultAsync(ct)
            ?? new BellState(0, 0));

    public Task<int> UnreadCountAsync(long userId, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.RecipientId == userId && n.ReadAt == null, ct);

    public Task<List<NotificationItem>> RecentAsync(long userId, CancellationToken ct = default) =>
        Project(db.Notifications.Where(n => n.RecipientId == userId).OrderByDescending(n => n.Id).Take(RecentCount)).ToListAsync(ct);

    public async Task<(List<NotificationItem> Items, int Total)> PageAsync(long userId, NotificationFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Notifications.Where(n => n.RecipientId == userId);
        if (filter.UnreadOnly) query = query.Where(n => n.ReadAt == null);
        if (filter.Category is { } category) query = query.Where(n => n.Category == category);
        if (filter.FromUtc is { } from) query = query.Where(n => n.CreatedAt >= from);
        if (filter.ToUtc is { } to) query = query.Where(n => n.CreatedAt < to);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return (items, total);
    }

    public Task<NotificationItem?> FindAsync(long userId, long id, CancellationToken ct = default) =>
        Project(db.Notifications.Where(n => n.Id == id && n.RecipientId == userId)).FirstOrDefaultAsync(ct);

    /// <summary>Marks the recipient's own notifications read: <paramref name="ids"/> null = all. Returns how many changed.</summary>
    public Task<int> MarkReadAsync(long userId, IReadOnlyCollection<long>? ids, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null);
        if (ids is not null)
        {
            var list = ids.Distinct().ToList();
            if (list.Count == 0) return Task.FromResult(0);
            query = query.Where(n => list.Contains(n.Id));
        }
        return query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private static IQueryable<NotificationItem> Project(IQueryable<Notification> query) =>
        query.Select(n => new NotificationItem(n.Id, n.EventType, n.Category, n.Title, n.Body, n.Link, n.SourceType, n.SourceId, n.CreatedAt, n.ReadAt));
}
