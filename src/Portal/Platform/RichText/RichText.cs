using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Platform.RichText;

public sealed record RichTextResult(string? Html, string PlainText);

/// <summary>Placeholder until the sanitizer lands: keeps only the text, HTML-encoded.</summary>
public sealed partial class RichText
{
    public Task<RichTextResult> CleanAsync(string? html, long? actorId, CancellationToken ct = default)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(html ?? "", " ")).Trim();
        return Task.FromResult(text.Length == 0 ? new RichTextResult(null, "") : new RichTextResult("<p>" + WebUtility.HtmlEncode(text) + "</p>", text));
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
