using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Portal.Platform.Authorization;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Notifications;

/// <summary>
/// The bell's and the center's writes (notifications.md §9, cookie + antiforgery). Each acts on the signed-in user's
/// own notifications only: another user's id is "not found" (NTF-03). htmx callers get the new unread count in an
/// <c>HX-Trigger</c> event; plain forms are redirected back (Post/Redirect/Get).
/// </summary>
public static class NotificationsWeb
{
    public const string ChangedEvent = "portal:notifications-changed";

    public static void MapNotificationsWeb(this WebApplication app)
    {
        app.MapPost("/notificacoes/{id:long}/lida", MarkOneAsync).ExcludeFromDescription();
        app.MapPost("/notificacoes/lidas", MarkAllAsync).ExcludeFromDescription();
        app.MapPost("/notificacoes/{id:long}/abrir", OpenAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> MarkOneAsync(long id, HttpContext http, IAntiforgery antiforgery, CurrentUser me, NotificationQueries queries)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return CsrfFailed(http);
        if (await queries.FindAsync(me.Id, id, http.RequestAborted) is null) return Results.NotFound();
        await queries.MarkReadAsync(me.Id, [id], http.RequestAborted);
        return await DoneAsync(http, me, queries);
    }

    private static async Task<IResult> MarkAllAsync(HttpContext http, IAntiforgery antiforgery, CurrentUser me, NotificationQueries queries)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return CsrfFailed(http);
        var updated = await queries.MarkReadAsync(me.Id, null, http.RequestAborted);
        return await DoneAsync(http, me, queries, updated == 0 ? "Nenhuma notificação não lida." : "Notificações marcadas como lidas.");
    }

    /// <summary>Opening a notification marks it read and goes to its link (a POST: GET never changes state).</summary>
    private static async Task<IResult> OpenAsync(long id, HttpContext http, IAntiforgery antiforgery, CurrentUser me, NotificationQueries queries)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return CsrfFailed(http);
        if (await queries.FindAsync(me.Id, id, http.RequestAborted) is not { } item) return Results.NotFound();
        await queries.MarkReadAsync(me.Id, [id], http.RequestAborted);
        return Results.Redirect(Validators.IsLocalPath(item.Link) ? item.Link : "/notificacoes");
    }

    private static async Task<IResult> DoneAsync(HttpContext http, CurrentUser me, NotificationQueries queries, string? toast = null)
    {
        if (http.Request.Headers.ContainsKey("HX-Request"))
        {
            var unread = await queries.UnreadCountAsync(me.Id, http.RequestAborted);
            var trigger = new Dictionary<string, object> { [ChangedEvent] = new { unread } };
            if (toast is not null) trigger["toast"] = new { message = toast, kind = "success" };
            http.Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(trigger);
            return Results.NoContent();
        }
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var back = form?["voltar"].ToString();
        return Results.Redirect(Validators.IsLocalPath(back) ? back! : "/notificacoes");
    }

    private static IResult CsrfFailed(HttpContext http)
    {
        http.Items[CsrfFailureFilter.Item] = true;
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }
}
