namespace Portal.Platform.RichText;

/// <summary>
/// The one call a module makes before saving rich text (platform.md §4): sanitize to the allow-list, turn inline
/// styles into classes, move <c>data:</c> images into stored files, and return the HTML with its plain-text copy.
/// Extracted images are staged in the request's <c>PortalDb</c>, so they are saved by the caller's own
/// <c>SaveChangesAsync</c>; if the caller does not save, their content is removed later by the orphan sweep.
/// </summary>
public sealed class RichText(RichTextSanitizer sanitizer, EditorImages images)
{
    public async Task<RichTextResult> CleanAsync(string? html, long? actorId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(html)) return RichTextResult.Empty;
        var document = sanitizer.Parse(html);
        RichTextSanitizer.Prepare(document);
        var extracted = await images.ExtractDataImagesAsync(document, actorId, ct);
        sanitizer.Finish(document);
        return RichTextSanitizer.ToResult(document, extracted);
    }
}
