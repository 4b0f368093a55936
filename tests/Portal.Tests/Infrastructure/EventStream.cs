using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

namespace Portal.Tests.Infrastructure;

/// <summary>An open <c>/eventos</c> stream read in the background; tests wait for events with a timeout.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<SseItem<string>> _items = Channel.CreateUnbounded<SseItem<string>>();
    private readonly Task _reader;

    private EventStream(HttpResponseMessage response)
    {
        _response = response;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Opens the stream and waits for its <c>ready</c> event (the subscription is in place).</summary>
    public static Task<EventStream> OpenAsync(TestClient client, string path = "/eventos", string? lastEventId = null) =>
        OpenAsync(client.Http, path, lastEventId, bearer: null);

    /// <summary>The bearer stream of the API (<c>/api/v1/events/stream</c>).</summary>
    public static Task<EventStream> OpenAsync(ApiClient client, string? lastEventId = null) =>
        OpenAsync(client.Http, "/api/v1/events/stream", lastEventId, client.Token);

    public static async Task<EventStream> OpenAsync(HttpClient http, string path, string? lastEventId, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        // As browsers send it: compression must not touch (and so buffer) the stream.
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        if (bearer is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        // TypedResults.ServerSentEvents marks the stream "identity" so the compression middleware leaves it alone.
        Assert.DoesNotContain(response.Content.Headers.ContentEncoding, e => e is "gzip" or "br");
        var stream = new EventStream(response);
        var ready = await stream.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("ready", ready?.EventType);
        stream.Ready = ready!.Value;
        return stream;
    }

    /// <summary>The opening <c>ready</c> event; on a fresh stream its id is the position to resume from.</summary>
    public SseItem<string> Ready { get; private set; }

    /// <summary>True once the server ended the stream.</summary>
    public bool Ended => _reader.IsCompleted;

    private async Task ReadAsync()
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token)) await _items.Writer.WriteAsync(item);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by the test or the server.
        }
        finally
        {
            _items.Writer.TryComplete();
        }
    }

    /// <summary>The next item (heartbeats included), or null when none came in time or the stream ended.</summary>
    public async Task<SseItem<string>?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _items.Reader.ReadAsync(cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>The next event of one of the task types about <paramref name="taskId"/>, skipping everything else.</summary>
    public async Task<(string Type, JsonElement Data)?> NextTaskEventAsync(long taskId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await NextAsync(deadline - DateTime.UtcNow) is not { } item) return null;
            if (!item.EventType.StartsWith("task.", StringComparison.Ordinal)) continue;
            var data = JsonDocument.Parse(item.Data).RootElement.Clone();
            if (data.GetProperty("taskId").GetInt64() == taskId) return (item.EventType, data);
        }
        return null;
    }

    /// <summary>Every item until the stream ends, or null if it is still open after <paramref name="timeout"/>.</summary>
    public async Task<List<SseItem<string>>?> UntilEndAsync(TimeSpan timeout)
    {
        var all = new List<SseItem<string>>();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(cts.Token)) all.Add(item);
            return all;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception)
        {
            // Already reported by the test's assertions.
        }
        _stop.Dispose();
    }
}
