using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Portal.Platform.Files;
using Portal.Platform.RichText;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// Rich text of the original, re-sanitized with the portal's allow-list (operations.md §9.2). Plain text (most task
/// descriptions) is turned into paragraphs without the parser — tens of thousands of rows must stay fast. In a real run
/// <c>data:</c> images become stored files and links/images to the original's <c>/static/uploads/…</c> become the
/// stored copy's authorized URL; a dry run stores nothing, it only checks that the linked files exist.
/// </summary>
public sealed partial class LegacyHtml(RichTextSanitizer sanitizer, EditorImages images)
{
    /// <summary>Files the original's rich text linked to (documents as well as images), stored like editor images:
    /// readable by signed-in users who can see the text that names their random id (ADR-006).</summary>
    public static readonly FileUseCase LinkedFileUseCase = new("legacy-linked-file",
    [
        DocumentFileTypes.Doc, DocumentFileTypes.Docx, DocumentFileTypes.Xls, DocumentFileTypes.Xlsx, DocumentFileTypes.Ppt,
        DocumentFileTypes.Pptx, DocumentFileTypes.Odt, DocumentFileTypes.Ods, DocumentFileTypes.Txt, DocumentFileTypes.Csv,
        DocumentFileTypes.Xml, DocumentFileTypes.Zip, FileTypes.Pdf, FileTypes.Png, FileTypes.Jpeg, FileTypes.Gif, FileTypes.Webp,
    ], 25 * 1024 * 1024);

    public async Task<RichTextResult> CleanAsync(string? text, LegacyImportContext ctx, EntityReport report, string where, long? actorId,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return RichTextResult.Empty;
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            var plain = WebUtility.HtmlDecode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            var html = new StringBuilder();
            foreach (var paragraph in plain.Split('\n')) html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
            return new RichTextResult(html.ToString(), plain);
        }
        var document = sanitizer.Parse(text);
        RichTextSanitizer.Prepare(document);
        if (text.Contains("uploads/", StringComparison.OrdinalIgnoreCase)) await RelinkUploadsAsync(document, ctx, report, where, actorId, ct);
        var extracted = !ctx.DryRun && text.Contains("data:", StringComparison.OrdinalIgnoreCase)
            ? await images.ExtractDataImagesAsync(document, actorId, ct)
            : [];
        sanitizer.Finish(document);
        return RichTextSanitizer.ToResult(document, extracted);
    }

    /// <summary>Points links and images at the stored copy of each uploaded file (stored once per run); a missing
    /// file is reported and its link loses the address (the text stays).</summary>
    private static async Task RelinkUploadsAsync(IHtmlDocument document, LegacyImportContext ctx, EntityReport report, string where,
        long? actorId, CancellationToken ct)
    {
        foreach (var element in document.Body!.QuerySelectorAll("a[href], img[src]").ToList())
        {
            var attribute = element.LocalName == "a" ? "href" : "src";
            if (UploadPath(element.GetAttribute(attribute)) is not { } stored) continue;
            var url = await StoredUrlAsync(stored, ctx, report, where, actorId, ct);
            if (url is not null) element.SetAttribute(attribute, url);
            else if (!ctx.DryRun) element.RemoveAttribute(attribute);
        }
    }

    private static async Task<string?> StoredUrlAsync(string stored, LegacyImportContext ctx, EntityReport report, string where,
        long? actorId, CancellationToken ct)
    {
        if (ctx.LinkedFiles.TryGetValue(stored, out var known)) return known;
        var path = ctx.FindUpload(stored);
        if (path is null)
        {
            report.Warn($"{where}: arquivo \"{stored}\" citado no texto não encontrado na pasta de uploads; o link foi removido.");
            return ctx.LinkedFiles[stored] = null;
        }
        if (ctx.DryRun) return null;
        var source = new UploadSource(Path.GetFileName(path), new FileInfo(path).Length, () => File.OpenRead(path));
        var upload = await ctx.Files.StoreAsync(LinkedFileUseCase.Key, source, EditorImageReadAccess.OwnerFor(actorId ?? ctx.ImportingUserId),
            actorId ?? ctx.ImportingUserId, LinkedFileUseCase.Key, ct);
        if (upload.File is null) report.Warn($"{where}: arquivo \"{stored}\" citado no texto recusado: {upload.Error}");
        return ctx.LinkedFiles[stored] = upload.File is null ? null : FileEndpoints.UrlFor(upload.File.Id);
    }

    /// <summary>The part after the host of a link into the original's uploads (absolute or relative), decoded; else null.</summary>
    private static string? UploadPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var match = UploadsUrl().Match(url.Trim());
        return match.Success ? WebUtility.UrlDecode(match.Groups["path"].Value) : null;
    }

    // Only markup characters: accented letters stay as UTF-8 text (the portal stores no entities).
    public static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?:https?://[^/]+)?/?(?<path>static/uploads/[^?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UploadsUrl();
}
