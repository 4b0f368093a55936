using System.Globalization;

namespace Portal.Platform.RichText;

/// <summary>
/// One colour of the editor's fixed palette: class suffix (<c>ql-color-red</c>, <c>ql-bg-red</c>) and value. Keys have
/// no hyphen because Quill reads a class's format name as everything before its last hyphen.
/// </summary>
public sealed record PaletteColor(string Key, string Hex, string Label)
{
    public (int R, int G, int B) Rgb { get; } = (
        int.Parse(Hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(Hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(Hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}

/// <summary>
/// The fixed palette of platform.md §4 for text colour and background. The editor offers exactly these (the textarea
/// tag helper hands them to editor.js), wwwroot/css/richtext.css paints them, and inline colours in pasted or imported
/// HTML are mapped to the nearest one.
/// </summary>
public static class RichTextPalette
{
    public static readonly IReadOnlyList<PaletteColor> Colors =
    [
        new("black", "#000000", "Preto"),
        new("gray", "#6c757d", "Cinza"),
        new("red", "#dc3545", "Vermelho"),
        new("orange", "#fd7e14", "Laranja"),
        new("yellow", "#ffc107", "Amarelo"),
        new("green", "#198754", "Verde"),
        new("blue", "#0d6efd", "Azul"),
        new("purple", "#6f42c1", "Roxo"),
        new("white", "#ffffff", "Branco"),
        new("lightred", "#f8d7da", "Vermelho claro"),
        new("lightyellow", "#fff3cd", "Amarelo claro"),
        new("lightgreen", "#d1e7dd", "Verde claro"),
        new("lightblue", "#cfe2ff", "Azul claro"),
        new("lightpurple", "#e2d9f3", "Roxo claro"),
    ];

    /// <summary>"black:#000000,gray:#6c757d,…" for the editor's data-palette attribute.</summary>
    public static string DataAttribute => string.Join(",", Colors.Select(c => $"{c.Key}:{c.Hex}"));

    /// <summary>
    /// The palette colour a person would name for an arbitrary colour. Plain RGB distance maps navy to purple and
    /// CSS orange to yellow, so the choice goes by HSL instead: near-greys by lightness (black, gray, white), the rest
    /// by hue family, very light tints to the "light" variant of their family. editor.js uses the same rules.
    /// </summary>
    public static PaletteColor Nearest(int r, int g, int b) => ByKey[NearestKey(r, g, b)];

    private static readonly Dictionary<string, PaletteColor> ByKey = Colors.ToDictionary(c => c.Key, StringComparer.Ordinal);

    private static string NearestKey(int r, int g, int b)
    {
        double rf = r / 255.0, gf = g / 255.0, bf = b / 255.0;
        double max = Math.Max(rf, Math.Max(gf, bf)), min = Math.Min(rf, Math.Min(gf, bf));
        var lightness = (max + min) / 2;
        var delta = max - min;
        var saturation = delta == 0 ? 0 : delta / (1 - Math.Abs(2 * lightness - 1));
        if (lightness <= 0.12) return "black";
        if (lightness >= 0.94) return "white";
        if (saturation < 0.18) return lightness < 0.3 ? "black" : lightness > 0.85 ? "white" : "gray";
        var hue = delta == 0 ? 0
            : max == rf ? 60 * (((gf - bf) / delta + 6) % 6)
            : max == gf ? 60 * ((bf - rf) / delta + 2)
            : 60 * ((rf - gf) / delta + 4);
        var family = hue switch
        {
            < 15 or >= 330 => "red",
            < 40 => "orange",
            < 70 => "yellow",
            < 170 => "green",
            < 255 => "blue",
            _ => "purple",
        };
        if (lightness < 0.8) return family;
        return family == "orange" ? "lightyellow" : "light" + family;
    }
}
