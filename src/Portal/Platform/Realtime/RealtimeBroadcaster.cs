using System.Net.ServerSentEvents;
using Portal.Platform.Api;

namespace Portal.Platform.Realtime;

/// <summary>
/// The streams open on this instance, by user: receives every backplane message and queues it on the streams of its
/// recipients. Holds no database connection; the per-stream work is a channel write.
/// </summary>
public sealed class RealtimeBroadcaster : IDisposable
{
    /// <summary>notifications.md §5: at most this many streams per user; a new one closes the oldest.</summary>
    public const int MaxStreamsPerUser = 6;

    private readonly Dictionary<long, List<RealtimeConnection>> _byUser = [];
    private readonly Lock _lock = new();
    private readonly IDisposable _subscription;
    private readonly TimeProvider _clock;

    public RealtimeBroadcaster(IRealtimeBackplane backplane, TimeProvider clock)
    {
        _clock = clock;
        _subscription = backplane.Subscribe(Deliver);
    }

    public RealtimeConnection Open(long userId, long? sessionId, TokenClaims? token = null)
    {
        var connection = new RealtimeConnection(userId, sessionId, _clock.GetUtcNow().UtcDateTime, token);
        RealtimeConnection? oldest = null;
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var list)) _byUser[userId] = list = [];
            if (list.Count >= MaxStreamsPerUser)
            {
                oldest = list[0];
                list.RemoveAt(0);
            }
            list.Add(connection);
        }
        oldest?.Close(Item("closed", "{}"));
        return connection;
    }

    public void Remove(RealtimeConnection connection)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(connection.UserId, out var list)) return;
            list.Remove(connection);
            if (list.Count == 0) _byUser.Remove(connection.UserId);
        }
    }

    public IReadOnlyList<RealtimeConnection> Connections()
    {
        lock (_lock) return [.. _byUser.Values.SelectMany(l => l)];
    }

    /// <summary>Ends a stream (its session ended): the browser receives <c>session.ended</c> and goes to the login.</summary>
    public void End(RealtimeConnection connection, string type)
    {
        Remove(connection);
        connection.Close(Item(type, "{}"));
    }

    public void Heartbeat()
    {
        foreach (var c in Connections()) c.TryWrite(new SseItem<string>("", "ping"));
    }

    /// <summary>
    /// A stream item. Only stored events carry an id (<see cref="RealtimeEvent"/>): control messages (<c>closed</c>,
    /// <c>session.ended</c>, <c>resync</c>) leave the browser's Last-Event-ID where the last real event put it.
    /// </summary>
    public static SseItem<string> Item(string type, string json, long? id = null) =>
        new(json, type) { EventId = id?.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private void Deliver(RealtimeMessage message)
    {
        if (message.UserIds is { Count: 0 }) return;
        var item = Item(message.Type, message.Json, message.Id);
        List<RealtimeConnection> targets;
        lock (_lock)
        {
            targets = message.UserIds is null
                ? [.. _byUser.Values.SelectMany(l => l)]
                : [.. message.UserIds.Distinct().SelectMany(id => _byUser.TryGetValue(id, out var l) ? l : [])];
        }
        foreach (var c in targets) c.TryWrite(item);
    }

    public void Dispose() => _subscription.Dispose();
}
