using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Platform.Data;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// Rendered card markup of a board column, cached under the board's read-cache key (ADR-008): the key carries the
/// task change stamp, the viewer, the filters, today's date and the viewer's move rights, so the markup is exactly
/// what rendering would produce now. Rendering 105 cards was most of a board view's CPU time.
/// </summary>
public sealed class BoardFragments(StampedCache cache, HtmlEncoder encoder)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<IHtmlContent> CardsAsync(IHtmlHelper html, BoardView board, IReadOnlyList<TaskCard> cards, TaskItemStatus status, int skip = 0)
    {
        var model = new BoardCards(board, cards);
        if (board.CardsKey is not { } prefix) return await html.PartialAsync("_BoardCards", model);
        var key = $"{prefix}:cards:{status}:{skip}:{board.HighlightId}:{board.StatusUrl}";
        return await cache.GetOrCreateAsync(key, Lifetime, async () =>
        {
            var content = await html.PartialAsync("_BoardCards", model);
            await using var writer = new StringWriter();
            content.WriteTo(writer, encoder);
            return new HtmlString(writer.ToString());
        });
    }
}
