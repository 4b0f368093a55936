using System.Net;
using System.Text;
using Portal.Platform.RichText;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// Rich text of the original, re-sanitized with the portal's allow-list (operations.md §9.2). Plain text (most task
/// descriptions) is turned into paragraphs without the parser — tens of thousands of rows must stay fast. data: images
/// become stored files only in a real run; a dry run stores nothing, so it only sanitizes.
/// </summary>
public sealed class LegacyHtml(RichTextSanitizer sanitizer, Portal.Platform.RichText.RichText richText)
{
    public async Task<RichTextResult> CleanAsync(string? text, bool dryRun, long? actorId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return RichTextResult.Empty;
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            var plain = WebUtility.HtmlDecode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            var html = new StringBuilder();
            foreach (var paragraph in plain.Split('\n')) html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
            return new RichTextResult(html.ToString(), plain);
        }
        if (!dryRun && text.Contains("data:", StringComparison.OrdinalIgnoreCase)) return await richText.CleanAsync(text, actorId, ct);
        var document = sanitizer.Parse(text);
        RichTextSanitizer.Prepare(document);
        sanitizer.Finish(document);
        return RichTextSanitizer.ToResult(document);
    }

    // Only markup characters: accented letters stay as UTF-8 text (the portal stores no entities).
    public static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
