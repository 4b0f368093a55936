using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Portal.Platform.Files;

namespace Portal.Platform.RichText;

/// <summary>
/// The allow-list of platform.md §4 (<see cref="RichTextFormats"/>) applied to a parsed document in three steps:
/// <see cref="Prepare"/> (drop script-like containers with their content, turn inline styles into classes),
/// HtmlSanitizer (tags, attributes, classes, URL schemes), and <see cref="Finish"/> (attributes per tag, links open
/// in a new tab without an opener, images only from <c>/arquivos/{id}</c>). <see cref="RichText"/> runs the image
/// extraction between the first and the last step; <see cref="Clean"/> runs everything without it (for display).
/// Stateless and thread-safe: one instance serves the whole application.
/// </summary>
public sealed partial class RichTextSanitizer
{
    public static RichTextSanitizer Instance { get; } = new();

    private readonly HtmlSanitizer _sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(RichTextFormats.Tags, StringComparer.OrdinalIgnoreCase),
        AllowedAttributes = new HashSet<string>(RichTextFormats.Attributes, StringComparer.OrdinalIgnoreCase),
        AllowedClasses = new HashSet<string>(RichTextFormats.Classes, StringComparer.Ordinal),
        AllowedSchemes = new HashSet<string>(RichTextFormats.Schemes, StringComparer.OrdinalIgnoreCase),
        UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
    })
    {
        // Unknown wrappers (table, section, font…) give way to their text; script-like ones are gone already.
        KeepChildNodes = true,
        AllowDataAttributes = false,
    };

    public IHtmlDocument Parse(string html) => _sanitizer.HtmlParserFactory().ParseDocument("<!doctype html><html><body>" + html);

    /// <summary>Step 1: remove containers whose content is not text, map legacy tags, convert inline styles.</summary>
    public static void Prepare(IHtmlDocument document)
    {
        foreach (var element in document.Body!.QuerySelectorAll("*").ToList())
        {
            if (RichTextFormats.DroppedWithContent.Contains(element.LocalName))
            {
                element.Remove();
                continue;
            }
            if (element.HasAttribute("style")) InlineStyleClasses.Apply(element);
            switch (element.LocalName)
            {
                case "font":
                    InlineStyleClasses.ApplyFontAttributes(element);
                    Rename(element, "span");
                    break;
                case "h5" or "h6":
                    Rename(element, "h4");
                    break;
                case "tr":
                    Rename(element, "div");
                    break;
                case "td" or "th":
                    Rename(element, "span").After(document.CreateTextNode(" "));
                    break;
            }
        }
    }

    /// <summary>Step 3: the library's allow-list, then what it cannot express (attributes per tag, links, images).</summary>
    public void Finish(IHtmlDocument document)
    {
        _sanitizer.SanitizeDom(document, document.Body as IHtmlElement);
        foreach (var element in document.Body!.QuerySelectorAll("*").ToList())
        {
            var allowed = RichTextFormats.AttributesByTag.GetValueOrDefault(element.LocalName);
            foreach (var attribute in element.Attributes.Select(a => a.Name).ToList())
                if (attribute != "class" && allowed?.Contains(attribute) != true) element.RemoveAttribute(attribute);
            if (element.GetAttribute("class") is { } classes && string.IsNullOrWhiteSpace(classes)) element.RemoveAttribute("class");
            switch (element.LocalName)
            {
                case "a":
                    FinishLink(element);
                    break;
                case "img":
                    FinishImage(document, element);
                    break;
                case "span" when !element.HasAttribute("class"):
                    Unwrap(element);
                    break;
            }
        }
    }

    /// <summary>Sanitized HTML (null when there is nothing to show) and its plain text.</summary>
    public static RichTextResult ToResult(IHtmlDocument document, IReadOnlyList<StoredFile>? extractedImages = null)
    {
        var body = document.Body!;
        var plain = RichTextPlainText.From(body);
        var empty = plain.Length == 0 && body.QuerySelector("img") is null;
        return new RichTextResult(empty ? null : body.ChildNodes.ToHtml(HtmlFormatter.Instance), plain)
        {
            ExtractedImages = extractedImages ?? [],
        };
    }

    /// <summary>The whole allow-list without extracting <c>data:</c> images (they are dropped): for display.</summary>
    public RichTextResult Clean(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return RichTextResult.Empty;
        var document = Parse(html);
        Prepare(document);
        Finish(document);
        return ToResult(document);
    }

    /// <summary>Is this the authorized URL of a stored file (what editor images point at)?</summary>
    public static bool IsStoredFileUrl(string? url) => url is not null && StoredFileUrl().IsMatch(url);

    private static void FinishLink(IElement link)
    {
        if (string.IsNullOrWhiteSpace(link.GetAttribute("href")))
        {
            Unwrap(link);
            return;
        }
        link.SetAttribute("target", "_blank");
        link.SetAttribute("rel", "noopener noreferrer");
    }

    private static void FinishImage(IHtmlDocument document, IElement image)
    {
        var src = image.GetAttribute("src")?.Trim();
        if (IsStoredFileUrl(src))
        {
            foreach (var size in new[] { "width", "height" })
                if (image.GetAttribute(size) is { } value && !Dimension().IsMatch(value)) image.RemoveAttribute(size);
            return;
        }
        if (Uri.TryCreate(src, UriKind.Absolute, out var remote) && remote.Scheme is "http" or "https")
        {
            // The CSP only shows images from this server; a remote one is kept as a link to it (platform.md §4).
            var link = document.CreateElement("a");
            link.SetAttribute("href", remote.AbsoluteUri);
            link.SetAttribute("target", "_blank");
            link.SetAttribute("rel", "noopener noreferrer");
            link.TextContent = image.GetAttribute("alt") is { Length: > 0 } alt ? alt.Trim() : remote.AbsoluteUri;
            image.Replace(link);
            return;
        }
        image.Remove(); // data: left over, svg, relative paths, other schemes
    }

    private static IElement Rename(IElement element, string tag)
    {
        var replacement = element.Owner!.CreateElement(tag);
        if (element.GetAttribute("class") is { } classes) replacement.SetAttribute("class", classes);
        while (element.FirstChild is { } child) replacement.AppendChild(child);
        element.Replace(replacement);
        return replacement;
    }

    private static void Unwrap(IElement element)
    {
        var parent = element.Parent;
        if (parent is null) return;
        while (element.FirstChild is { } child) parent.InsertBefore(child, element);
        element.Remove();
    }

    [GeneratedRegex("^/arquivos/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex StoredFileUrl();

    [GeneratedRegex("^[0-9]{1,4}$")]
    private static partial Regex Dimension();
}
