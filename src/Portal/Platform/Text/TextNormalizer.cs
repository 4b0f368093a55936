using System.Globalization;
using System.Text;

namespace Portal.Platform.Text;

/// <summary>Normalization for case- and accent-insensitive uniqueness and search (platform.md §1, README §6.13).</summary>
public static class TextNormalizer
{
    /// <summary>Upper-case, accents removed, trimmed, inner whitespace collapsed: "  João  da Silva" → "JOAO DA SILVA".</summary>
    public static string Key(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower-case ASCII code from a label: "Acesso ao SAT" → "acesso-ao-sat".</summary>
    public static string Slug(string value)
    {
        var key = Key(value).ToLowerInvariant();
        var sb = new StringBuilder();
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>Trim; empty becomes null (spec README §6.5).</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
