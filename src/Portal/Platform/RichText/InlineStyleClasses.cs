using AngleSharp.Dom;

namespace Portal.Platform.RichText;

/// <summary>
/// platform.md §4: the strict CSP would block <c>style</c> attributes, so colour, background, alignment and size
/// declarations of pasted or imported HTML become the editor's classes (colours to the nearest palette colour) before
/// the attribute is dropped. A class the editor already set wins over a declaration of the same kind.
/// </summary>
public static class InlineStyleClasses
{
    public static void Apply(IElement element)
    {
        foreach (var (property, value) in CssDeclarations.Parse(element.GetAttribute("style")))
        {
            switch (property)
            {
                case "color":
                    if (CssDeclarations.ParseColor(value) is { } color) AddColor(element, "ql-color-", color, skip: "black");
                    break;
                case "background-color" or "background":
                    if (CssDeclarations.FirstColor(value) is { } background) AddColor(element, "ql-bg-", background, skip: "white");
                    break;
                case "text-align":
                    if (RichTextFormats.Blocks.Contains(element.LocalName) && CssDeclarations.AlignClass(value) is { } align)
                        AddClass(element, "ql-align-", align);
                    break;
                case "font-size":
                    if (CssDeclarations.SizeClass(value) is { } size) AddClass(element, "ql-size-", size);
                    break;
            }
        }
        element.RemoveAttribute("style");
    }

    /// <summary>Legacy <c>&lt;font color size&gt;</c> from old e-mail and Word output, read like the style it means.</summary>
    public static void ApplyFontAttributes(IElement font)
    {
        if (font.GetAttribute("color") is { } color && CssDeclarations.ParseColor(color) is { } rgb) AddColor(font, "ql-color-", rgb, skip: "black");
        var size = font.GetAttribute("size")?.Trim() switch
        {
            "1" or "2" or "-1" or "-2" => "small",
            "5" or "6" or "+2" or "+3" => "large",
            "7" or "+4" => "huge",
            _ => null,
        };
        if (size is not null) AddClass(font, "ql-size-", size);
    }

    /// <summary>
    /// Pasted text is mostly black on white; turning those into classes would only add noise, so the default colours
    /// (text black, background white) are not converted.
    /// </summary>
    private static void AddColor(IElement element, string prefix, (int R, int G, int B) rgb, string skip)
    {
        var nearest = RichTextPalette.Nearest(rgb.R, rgb.G, rgb.B);
        if (nearest.Key != skip) AddClass(element, prefix, nearest.Key);
    }

    private static void AddClass(IElement element, string prefix, string suffix)
    {
        if (element.ClassList.Any(c => c.StartsWith(prefix, StringComparison.Ordinal) && RichTextFormats.Classes.Contains(c))) return;
        element.ClassList.Add(prefix + suffix);
    }
}
