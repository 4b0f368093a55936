using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;

namespace Portal.Features.Notifications.Pages;

/// <summary>
/// The 20 latest and the unread count (notifications.md §9): HTML for the bell's dropdown (htmx), JSON for the
/// polling fallback when the real-time stream is unavailable (NTF-16).
/// </summary>
public sealed class RecentModel(NotificationQueries queries, CurrentUser me) : PageModel
{
    public IReadOnlyList<NotificationItem> Items { get; private set; } = [];
    public int Unread { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Items = await queries.RecentAsync(me.Id, ct);
        Unread = await queries.UnreadCountAsync(me.Id, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
            return new JsonResult(new
            {
                unread = Unread,
                items = Items.Select(n => new { id = n.Id, title = n.Title, body = n.Body, link = n.Link, category = n.Category.ToString(), createdAt = n.CreatedAt, readAt = n.ReadAt }),
            });
        return Page();
    }
}
