using Portal.Platform.Data;

namespace Portal.Platform.Realtime;

/// <summary>
/// How modules put a message on the real-time stream: stores it (its row id becomes the SSE id, so any instance can
/// replay it after a reconnect, NTF-04) and then fans it out through the backplane. Called after the business change is
/// committed; the row is written by a context of its own so it never joins the caller's unit of work.
/// </summary>
public sealed class RealtimePublisher(IServiceScopeFactory scopes, IRealtimeBackplane backplane, TimeProvider clock)
{
    public Task PublishAsync(RealtimeMessage message, CancellationToken ct = default) => PublishAsync([message], ct);

    public async Task PublishAsync(IReadOnlyList<RealtimeMessage> messages, CancellationToken ct = default)
    {
        if (messages.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        // A message for nobody (it only tells other instances' caches) has nothing to replay: not stored.
        var rows = messages.Select(m => m.UserIds is { Count: 0 } ? null : new RealtimeEvent
        {
            Type = m.Type, Json = m.Json, Audience = RealtimeEvent.AudienceOf(m.UserIds), CreatedAt = now,
        }).ToList();
        if (rows.Any(r => r is not null))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            db.RealtimeEvents.AddRange(rows.OfType<RealtimeEvent>());
            await db.SaveChangesAsync(ct);
        }
        for (var i = 0; i < messages.Count; i++)
            await backplane.PublishAsync(rows[i] is { } row ? messages[i] with { Id = row.Id } : messages[i], ct);
    }
}
