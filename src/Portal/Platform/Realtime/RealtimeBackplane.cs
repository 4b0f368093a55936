using System.Collections.Immutable;

namespace Portal.Platform.Realtime;

/// <summary>
/// One message of the real-time stream (notifications.md §5): <see cref="Type"/> becomes the SSE <c>event:</c> line,
/// <see cref="Json"/> the <c>data:</c> line. <see cref="UserIds"/> null means every connected user, empty means nobody
/// (the message only tells the other instances' caches, e.g. about a task no one may see). <see cref="Id"/> is the
/// stored <see cref="RealtimeEvent"/> (the SSE <c>id:</c>) when it went through <see cref="RealtimePublisher"/>.
/// </summary>
public sealed record RealtimeMessage(string Type, string Json, IReadOnlyCollection<long>? UserIds)
{
    public long? Id { get; init; }
}

/// <summary>
/// Fan-out of real-time messages between the instances of the portal. Push-based, never polling the database: the
/// in-process implementation serves one instance; a Redis pub/sub one (operations.md §2) can replace it for several.
/// </summary>
public interface IRealtimeBackplane
{
    Task PublishAsync(RealtimeMessage message, CancellationToken ct = default);

    /// <summary>Receives every message published on any instance; dispose to stop.</summary>
    IDisposable Subscribe(Action<RealtimeMessage> receiver);
}

public sealed class InProcessRealtimeBackplane : IRealtimeBackplane
{
    private ImmutableList<Action<RealtimeMessage>> _receivers = [];

    public Task PublishAsync(RealtimeMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var receive in Volatile.Read(ref _receivers)) receive(message);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<RealtimeMessage> receiver)
    {
        ImmutableInterlocked.Update(ref _receivers, list => list.Add(receiver));
        return new Subscription(() => ImmutableInterlocked.Update(ref _receivers, list => list.Remove(receiver)));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
