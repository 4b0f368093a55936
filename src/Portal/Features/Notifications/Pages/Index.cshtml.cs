using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Time;

namespace Portal.Features.Notifications.Pages;

/// <summary>Notification center (notifications.md §8): 50 per page, filters unread / category / period.</summary>
public sealed class IndexModel(NotificationQueries queries, CurrentUser me) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "naoLidas")] public bool UnreadOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "categoria")] public NotificationCategory? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "de")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "ate")] public DateOnly? To { get; set; }

    public IReadOnlyList<NotificationItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Unread { get; private set; }
    public int CurrentPage { get; private set; } = 1;
    public bool HasFilters => UnreadOnly || Category is not null || From is not null || To is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Invalid values bind as null: the list then simply is not filtered by them.
        var from = From is { } f ? SaoPaulo.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : (DateTime?)null;
        var to = To is { } t ? SaoPaulo.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : (DateTime?)null;
        // "page" is also Razor Pages' own route value: read it from the query string itself.
        var requested = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1;
        CurrentPage = Math.Clamp(requested, 1, 1_000_000);
        (var items, Total) = await queries.PageAsync(me.Id, new NotificationFilter(UnreadOnly, Category, from, to), CurrentPage, PageSize, ct);
        Items = items;
        Unread = await queries.UnreadCountAsync(me.Id, ct);
    }

    public string ReturnUrl => Request.Path + Request.QueryString;
}
