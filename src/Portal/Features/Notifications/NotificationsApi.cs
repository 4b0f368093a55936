using System.Globalization;
using System.Text.Json;
using Portal.Platform.Api;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Validation;

namespace Portal.Features.Notifications;

public sealed record NotificationResponse(long Id, string EventType, string Category, string Title, string Body, string Link,
    string? SourceType, long? SourceId, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>A page of notifications plus the unread total (notifications.md §9).</summary>
public sealed record NotificationPageResponse(IReadOnlyList<NotificationResponse> Items, int Unread, int Page, int PageSize, int Total);

public sealed record UnreadCountResponse(int Unread);

public sealed record MarkReadRequest(long[]? Ids);

public sealed record MarkReadResponse(int Updated);

/// <summary>/api/v1/notifications: the caller's own notifications; ids of other users are silently ignored.</summary>
public static class NotificationsApi
{
    private const string InvalidValue = "Valor inválido.";

    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notificações");
        group.MapGet("", ListAsync)
            .WithSummary("Lista as notificações do usuário, mais recentes primeiro.")
            .WithDescription("Filtros: unread=true (só não lidas), category (Tarefas, Clientes, Encerramento, Societario, Reunioes, " +
                "Agenda, Mural, Comunicados, Conhecimento, Financeiro, Diretoria, Sistema). unread na resposta é o total de não lidas. " +
                "pageSize máximo 200.")
            .Produces<NotificationPageResponse>().Errors(400);
        group.MapGet("/unread-count", UnreadAsync)
            .WithSummary("Quantidade de notificações não lidas do usuário.")
            .Produces<UnreadCountResponse>().Errors();
        group.MapPost("/read", MarkReadAsync)
            .WithSummary("Marca notificações como lidas: as de ids, ou todas quando ids é omitido.")
            .WithDescription("Ids de notificações de outros usuários são ignorados; updated conta só as que mudaram.")
            .Accepts<MarkReadRequest>("application/json")
            .Produces<MarkReadResponse>().Errors(400, 415);
    }

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status429TooManyRequests))
            builder.Produces<ApiError>(status);
        return builder;
    }

    private static async Task<IResult> ListAsync(HttpContext http, CurrentUser me, NotificationQueries queries,
        string? unread, string? category, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        bool unreadOnly = false;
        if (unread is not null && !bool.TryParse(unread, out unreadOnly)) errors.Add("unread", InvalidValue);
        NotificationCategory? cat = null;
        if (category is not null)
        {
            if (Enum.TryParse<NotificationCategory>(category, ignoreCase: true, out var c) && !int.TryParse(category, out _)) cat = c;
            else errors.Add("category", InvalidValue);
        }
        var pageNumber = Int(errors, "page", page);
        var size = Int(errors, "pageSize", pageSize);
        if (!errors.IsValid) return ApiErrors.Validation(http, errors);

        var paging = PageRequest.From(pageNumber, size);
        var (items, total) = await queries.PageAsync(me.Id, new NotificationFilter(unreadOnly, cat), paging.Page, paging.PageSize, ct);
        var unreadCount = await queries.UnreadCountAsync(me.Id, ct);
        return Results.Ok(new NotificationPageResponse(items.Select(ToResponse).ToList(), unreadCount, paging.Page, paging.PageSize, total));
    }

    private static async Task<IResult> UnreadAsync(CurrentUser me, NotificationQueries queries, CancellationToken ct) =>
        Results.Ok(new UnreadCountResponse(await queries.UnreadCountAsync(me.Id, ct)));

    private static async Task<IResult> MarkReadAsync(HttpContext http, CurrentUser me, NotificationQueries queries, CancellationToken ct)
    {
        List<long>? ids = null;
        // No body = mark all (ids omitted).
        if (http.Request.ContentLength > 0 || (http.Request.ContentLength is null && http.Request.Headers.TransferEncoding.Count > 0))
        {
            if (!http.Request.HasJsonContentType())
                return ApiErrors.Problem(http, 415, "unsupported_media_type", "Content-Type must be application/json");
            var errors = new FieldErrors();
            try
            {
                using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) errors.Add("$", "O corpo deve ser um objeto JSON.");
                else if (doc.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals("ids", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } prop
                    && prop.Value.ValueKind != JsonValueKind.Null)
                {
                    if (prop.Value.ValueKind != JsonValueKind.Array) errors.Add("ids", InvalidValue);
                    else
                    {
                        ids = [];
                        foreach (var item in prop.Value.EnumerateArray())
                            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var id)) ids.Add(id);
                            else
                            {
                                errors.Add("ids", InvalidValue);
                                break;
                            }
                    }
                }
            }
            catch (JsonException)
            {
                errors.Add("$", "JSON inválido.");
            }
            if (!errors.IsValid) return ApiErrors.Validation(http, errors);
        }
        return Results.Ok(new MarkReadResponse(await queries.MarkReadAsync(me.Id, ids, ct)));
    }

    private static int? Int(FieldErrors errors, string field, string? value)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, InvalidValue);
        return null;
    }

    private static NotificationResponse ToResponse(NotificationItem n) =>
        new(n.Id, n.EventType, n.Category.ToString(), n.Title, n.Body, n.Link, n.SourceType, n.SourceId, n.CreatedAt, n.ReadAt);
}
