using System.Net.ServerSentEvents;
using System.Threading.Channels;
using Portal.Platform.Api;

namespace Portal.Platform.Realtime;

/// <summary>
/// One open stream. Its bounded channel drops the oldest messages when a slow client falls behind: a board only needs
/// the latest facts, and a stream must never hold unbounded memory.
/// </summary>
public sealed class RealtimeConnection(long userId, long? sessionId, DateTime openedAt, TokenClaims? token = null)
{
    private const int Capacity = 100;

    private readonly Channel<SseItem<string>> _channel = Channel.CreateBounded<SseItem<string>>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public long UserId { get; } = userId;
    public long? SessionId { get; } = sessionId;
    public DateTime OpenedAt { get; } = openedAt;

    /// <summary>The bearer token of an API stream (<c>/api/v1/events/stream</c>); null for a browser's session stream.</summary>
    public TokenClaims? Token { get; } = token;

    public ChannelReader<SseItem<string>> Reader => _channel.Reader;

    public bool TryWrite(SseItem<string> item) => _channel.Writer.TryWrite(item);

    /// <summary>Ends the stream after the messages already queued (and <paramref name="last"/>, if any) are sent.</summary>
    public void Close(SseItem<string>? last = null)
    {
        if (last is { } item) _channel.Writer.TryWrite(item);
        _channel.Writer.TryComplete();
    }
}
