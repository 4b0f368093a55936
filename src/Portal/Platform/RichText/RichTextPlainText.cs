using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Portal.Platform.RichText;

/// <summary>
/// The plain-text copy of rich text (platform.md §4): what search indexes and what length limits count. One line per
/// block, whitespace collapsed, images and markup not counted. editor.js counts the same way as the user types.
/// </summary>
public static partial class RichTextPlainText
{
    public static string From(INode root)
    {
        var text = new StringBuilder();
        Append(root, text);
        return Normalize(text.ToString());
    }

    /// <summary>Non-breaking spaces are spaces, runs of blanks one space, blank lines dropped, lines trimmed.</summary>
    public static string Normalize(string text)
    {
        var lines = text.Replace('\u00A0', ' ').Split('\n')
            .Select(line => Blanks().Replace(line, " ").Trim())
            .Where(line => line.Length > 0);
        return string.Join("\n", lines);
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement e when RichTextFormats.Blocks.Contains(e.LocalName):
                    text.Append('\n');
                    Append(e, text);
                    text.Append('\n');
                    break;
                case IElement e:
                    Append(e, text);
                    break;
            }
        }
    }

    [GeneratedRegex(@"[ \t\f\v\u00A0\u2000-\u200B\u3000]+")]
    private static partial Regex Blanks();
}
