namespace Portal.Platform.RichText;

/// <summary>
/// The allow-list of platform.md §4, in one place: tags, attributes per tag, and the editor's formatting classes
/// (Quill 2 class names). Nothing else survives a save.
/// </summary>
public static class RichTextFormats
{
    public static readonly IReadOnlySet<string> Tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4",
        "blockquote", "code", "pre", "span", "div", "img",
    };

    /// <summary>Attributes allowed on each tag besides <c>class</c>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> AttributesByTag = new Dictionary<string, IReadOnlySet<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "target", "rel" },
        ["img"] = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "src", "alt", "title", "width", "height" },
    };

    public static readonly IReadOnlySet<string> Attributes = AttributesByTag.Values.SelectMany(a => a).Append("class").ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static readonly IReadOnlySet<string> Schemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    /// <summary>Quill's size whitelist (normal size has no class).</summary>
    public static readonly IReadOnlyList<string> Sizes = ["small", "large", "huge"];

    /// <summary>Quill's alignments (left is the default and has no class).</summary>
    public static readonly IReadOnlyList<string> Alignments = ["center", "right", "justify"];

    /// <summary>Quill's indent levels (1–8).</summary>
    public const int MaxIndent = 8;

    /// <summary>Every class the editor can produce; any other class is removed.</summary>
    public static readonly IReadOnlySet<string> Classes = Alignments.Select(a => "ql-align-" + a)
        .Concat(Sizes.Select(s => "ql-size-" + s))
        .Concat(RichTextPalette.Colors.Select(c => "ql-color-" + c.Key))
        .Concat(RichTextPalette.Colors.Select(c => "ql-bg-" + c.Key))
        .Concat(Enumerable.Range(1, MaxIndent).Select(i => "ql-indent-" + i))
        .Concat(["ql-code-block", "ql-code-block-container"])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Containers whose content is never text for the reader: dropped with everything inside them.</summary>
    public static readonly IReadOnlySet<string> DroppedWithContent = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
        "head", "title", "meta", "link", "base", "textarea", "select", "option", "button", "input", "form", "canvas",
        "audio", "video", "source", "track", "picture", "map", "xml",
    };

    public static readonly IReadOnlySet<string> Blocks = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre",
    };
}
