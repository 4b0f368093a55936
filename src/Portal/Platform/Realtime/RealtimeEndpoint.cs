using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Portal.Platform.Api;
using Portal.Platform.Authorization;

namespace Portal.Platform.Realtime;

/// <summary>
/// The real-time stream (notifications.md §5): <c>GET /eventos/stream</c> (<c>/eventos</c> is the same stream) for the
/// browser's session cookie, and <c>GET /api/v1/events/stream</c> (§9) for bearer clients — same format, filtering and
/// limits. Starts with <c>ready</c> so the client knows it is subscribed; a client coming back with
/// <c>Last-Event-ID</c> (header, or <c>lastEventId</c> in the query for a tab taking over the stream) then gets the
/// events it missed, or <c>resync</c> when they cannot be replayed.
/// </summary>
public static class RealtimeEndpoint
{
    public const string ApiPath = "/events/stream";
    private static readonly TimeSpan ClientRetry = TimeSpan.FromSeconds(3);

    public static void MapRealtime(this WebApplication app, RouteGroupBuilder api)
    {
        foreach (var path in new[] { "/eventos", "/eventos/stream" })
        {
            app.MapGet(path, OpenAsync).RequireAuthorization().ExcludeFromDescription().DisableAntiforgery();
        }
        api.MapGet(ApiPath, OpenApiAsync).WithTags("Notificações")
            .WithSummary("Fluxo de eventos em tempo real (text/event-stream).")
            .WithDescription("Mesmo formato do fluxo do navegador: id, event (notification, task.*, resync, session.ended, closed) " +
                "e data em JSON; comentário ': ping' a cada 15 s. Envie Last-Event-ID ao reconectar para receber o que perdeu " +
                "(até 10 minutos; depois disso chega 'resync'). No máximo 6 fluxos por usuário. O fluxo termina com " +
                "'session.ended' quando o token é revogado ou o usuário desativado.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ApiError>(StatusCodes.Status401Unauthorized).Produces<ApiError>(StatusCodes.Status429TooManyRequests);
    }

    private static Task<IResult> OpenAsync(HttpContext http, CurrentUser user, RealtimeBroadcaster broadcaster, RealtimeReplay replay) =>
        StartAsync(http, broadcaster.Open(user.Id, user.SessionId), broadcaster, replay);

    private static Task<IResult> OpenApiAsync(HttpContext http, CurrentUser user, RealtimeBroadcaster broadcaster, RealtimeReplay replay) =>
        StartAsync(http, broadcaster.Open(user.Id, null, http.Items[ApiBearerHandler.TokenClaimsItem] as TokenClaims), broadcaster, replay);

    private static async Task<IResult> StartAsync(HttpContext http, RealtimeConnection connection, RealtimeBroadcaster broadcaster,
        RealtimeReplay replay)
    {
        // Nothing between the app and the client may hold events back: no buffering here nor in a reverse proxy.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        // Registered before reading the database, so nothing published meanwhile is lost: it waits in the connection's
        // queue, and whatever the replay already sent is skipped there.
        List<SseItem<string>> first;
        try
        {
            first = await OpeningAsync(http, connection, replay);
        }
        catch
        {
            broadcaster.Remove(connection);
            throw;
        }
        await EndRequestScopeAsync(http);
        return TypedResults.ServerSentEvents(ReadAsync(connection, first, broadcaster, http.RequestAborted));
    }

    /// <summary>
    /// A stream outlives everything its request resolved: ending the request's service scope once the stream is open
    /// returns its DbContext to the pool (with EF's own services, ≈ 18 kB per open stream, issue 5) and closes its
    /// database connection. Whatever asks for request services afterwards gets a new scope, ended with the request.
    /// </summary>
    private static async Task EndRequestScopeAsync(HttpContext http)
    {
        if (http.Features.Get<IServiceProvidersFeature>() is not IAsyncDisposable used) return;
        http.Features.Set<IServiceProvidersFeature>(
            new RequestServicesFeature(http, http.RequestServices.GetRequiredService<IServiceScopeFactory>()));
        await used.DisposeAsync();
    }

    private static async Task<List<SseItem<string>>> OpeningAsync(HttpContext http, RealtimeConnection connection, RealtimeReplay replay)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length == 0) lastEventId = http.Request.Query["lastEventId"].ToString();
        var ct = http.RequestAborted;
        if (lastEventId.Length == 0)
        {
            var latest = await replay.LatestAsync(ct);
            return [RealtimeBroadcaster.Item("ready", "{}", latest) with { ReconnectionInterval = ClientRetry }];
        }
        var resume = await replay.ResumeAsync(connection.UserId, lastEventId, ct);
        var items = new List<SseItem<string>> { RealtimeBroadcaster.Item("ready", "{}", resume.Position) with { ReconnectionInterval = ClientRetry } };
        if (resume.Resync) items.Add(RealtimeBroadcaster.Item("resync", "{}"));
        items.AddRange(resume.Missed.Select(e => RealtimeBroadcaster.Item(e.Type, e.Json, e.Id)));
        return items;
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(RealtimeConnection connection, List<SseItem<string>> first,
        RealtimeBroadcaster broadcaster, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            var replayed = first.Where(i => i.EventType != "ready" && i.EventId is not null).Select(i => i.EventId!).ToHashSet();
            foreach (var item in first) yield return item;
            while (await WaitAsync(connection, ct))
            {
                while (connection.Reader.TryRead(out var item))
                {
                    if (item.EventId is { } id && replayed.Contains(id)) continue;
                    yield return item;
                }
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
            return false; // the client went away
        }
    }
}
