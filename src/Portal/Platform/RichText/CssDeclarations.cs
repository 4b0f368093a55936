using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Platform.RichText;

/// <summary>
/// Just enough CSS to read the inline declarations pasted content carries (Word, Google Docs, e-mail): property/value
/// pairs, colours (hex, rgb()/rgba(), common names) and font sizes. Anything it does not understand is ignored, because
/// the style attribute itself never survives (platform.md §4).
/// </summary>
public static partial class CssDeclarations
{
    public static IEnumerable<(string Property, string Value)> Parse(string? style)
    {
        if (string.IsNullOrWhiteSpace(style)) yield break;
        foreach (var part in SplitOutsideParentheses(style, ';'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var property = part[..colon].Trim().ToLowerInvariant();
            var value = ImportantSuffix().Replace(part[(colon + 1)..], "").Trim();
            if (property.Length > 0 && value.Length > 0) yield return (property, value);
        }
    }

    /// <summary>An opaque colour, or null for transparent/unknown/inherited values.</summary>
    public static (int R, int G, int B)? ParseColor(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        if (v.StartsWith('#')) return ParseHex(v[1..]);
        var fn = ColorFunction().Match(v);
        if (fn.Success) return ParseRgbFunction(fn.Groups[1].Value);
        return NamedColors.TryGetValue(v, out var named) ? ParseHex(named) : null;
    }

    /// <summary>The first colour among the tokens of a shorthand such as <c>background: #fff url(x) no-repeat</c>.</summary>
    public static (int R, int G, int B)? FirstColor(string value) =>
        SplitOutsideParentheses(value, ' ').Select(ParseColor).FirstOrDefault(c => c is not null);

    /// <summary>Quill's size class for a CSS font size (the editor's normal size has none): small, large, huge.</summary>
    public static string? SizeClass(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        switch (v)
        {
            case "xx-small" or "x-small" or "small" or "smaller": return "small";
            case "large" or "larger" or "x-large": return "large";
            case "xx-large" or "xxx-large": return "huge";
        }
        var m = Length().Match(v);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return null;
        var px = m.Groups[2].Value switch
        {
            "px" => n,
            "pt" => n * 4 / 3,
            "em" or "rem" => n * 16,
            "%" => n * 16 / 100,
            _ => double.NaN,
        };
        if (double.IsNaN(px) || px <= 0) return null;
        // Quill renders small/large/huge at 0.75/1.5/2.5 em; the cut-offs sit between those and normal (16 px).
        return px < 13.5 ? "small" : px >= 30 ? "huge" : px >= 19 ? "large" : null;
    }

    /// <summary>Quill's alignment class suffix for text-align (left/start is the default).</summary>
    public static string? AlignClass(string value) => value.Trim().ToLowerInvariant() switch
    {
        "center" or "-webkit-center" => "center",
        "right" or "end" or "-webkit-right" => "right",
        "justify" => "justify",
        _ => null,
    };

    private static (int, int, int)? ParseHex(string hex)
    {
        if (!hex.All(Uri.IsHexDigit)) return null;
        if (hex.Length is 3 or 4)
        {
            if (hex.Length == 4 && hex[3] == '0') return null;
            hex = string.Concat(hex[..3].Select(c => new string(c, 2)));
        }
        if (hex.Length == 8 && hex[6..] == "00") return null;
        if (hex.Length is not (6 or 8)) return null;
        return (Hex(hex, 0), Hex(hex, 2), Hex(hex, 4));
    }

    private static int Hex(string s, int at) => int.Parse(s.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static (int, int, int)? ParseRgbFunction(string args)
    {
        var parts = args.Replace("/", " ", StringComparison.Ordinal).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is < 3 or > 4) return null;
        var channels = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var percent = parts[i].EndsWith('%');
            if (!double.TryParse(parts[i].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var c)) return null;
            channels[i] = (int)Math.Round(Math.Clamp(percent ? c * 255 / 100 : c, 0, 255));
        }
        if (parts.Length == 4)
        {
            var percent = parts[3].EndsWith('%');
            if (!double.TryParse(parts[3].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha)) return null;
            if ((percent ? alpha / 100 : alpha) <= 0.05) return null; // transparent: no colour to keep
        }
        return (channels[0], channels[1], channels[2]);
    }

    private static IEnumerable<string> SplitOutsideParentheses(string text, char separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth = Math.Max(0, depth - 1);
            else if (text[i] == separator && depth == 0)
            {
                if (i > start) yield return text[start..i];
                start = i + 1;
            }
        }
        if (start < text.Length) yield return text[start..];
    }

    /// <summary>The names pasted content actually uses (CSS level 1 plus a few common ones); hex for each.</summary>
    private static readonly Dictionary<string, string> NamedColors = new(StringComparer.Ordinal)
    {
        ["black"] = "000000", ["white"] = "ffffff", ["red"] = "ff0000", ["green"] = "008000", ["blue"] = "0000ff",
        ["yellow"] = "ffff00", ["orange"] = "ffa500", ["purple"] = "800080", ["gray"] = "808080", ["grey"] = "808080",
        ["silver"] = "c0c0c0", ["maroon"] = "800000", ["navy"] = "000080", ["teal"] = "008080", ["olive"] = "808000",
        ["lime"] = "00ff00", ["aqua"] = "00ffff", ["cyan"] = "00ffff", ["fuchsia"] = "ff00ff", ["magenta"] = "ff00ff",
        ["pink"] = "ffc0cb", ["brown"] = "a52a2a", ["darkred"] = "8b0000", ["darkblue"] = "00008b",
        ["darkgreen"] = "006400", ["lightgray"] = "d3d3d3", ["lightgrey"] = "d3d3d3", ["darkgray"] = "a9a9a9",
        ["lightyellow"] = "ffffe0", ["lightgreen"] = "90ee90", ["lightblue"] = "add8e6", ["gold"] = "ffd700",
        ["violet"] = "ee82ee", ["indigo"] = "4b0082",
    };

    [GeneratedRegex(@"\s*!\s*important\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ImportantSuffix();

    [GeneratedRegex(@"^rgba?\(([^)]*)\)$")]
    private static partial Regex ColorFunction();

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)(px|pt|em|rem|%)$")]
    private static partial Regex Length();
}
