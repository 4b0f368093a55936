using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Portal.Platform.Authorization;

namespace Portal.Platform.Realtime;

/// <summary>
/// <c>GET /eventos/stream</c> (notifications.md §5; <c>/eventos</c> is the same stream): server-sent events for the
/// signed-in user, session cookie only. Starts with <c>ready</c> so the browser knows it is subscribed.
/// </summary>
public static class RealtimeEndpoint
{
    public static void MapRealtime(this WebApplication app)
    {
        foreach (var path in new[] { "/eventos", "/eventos/stream" })
        {
            app.MapGet(path, Open).RequireAuthorization().ExcludeFromDescription().DisableAntiforgery();
        }
    }

    private static IResult Open(HttpContext http, CurrentUser user, RealtimeBroadcaster broadcaster)
    {
        // Nothing between the app and the browser may hold events back: no buffering here nor in a reverse proxy.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var connection = broadcaster.Open(user.Id, user.SessionId);
        connection.TryWrite(broadcaster.Item("ready", "{}") with { ReconnectionInterval = TimeSpan.FromSeconds(3) });
        return TypedResults.ServerSentEvents(ReadAsync(connection, broadcaster, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(RealtimeConnection connection, RealtimeBroadcaster broadcaster,
        [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            while (await WaitAsync(connection, ct))
            {
                while (connection.Reader.TryRead(out var item)) yield return item;
            }
        }
        finally
        {
            broadcaster.Remove(connection);
        }
    }

    private static async Task<bool> WaitAsync(RealtimeConnection connection, CancellationToken ct)
    {
        try
        {
            return await connection.Reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false; // the browser went away
        }
    }
}
