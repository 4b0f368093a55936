using System.Text;

namespace Portal.Platform.Files;

/// <summary>Does the start of a file carry this type's signature?</summary>
public delegate bool FileSignature(ReadOnlySpan<byte> head);

/// <summary>
/// One accepted file type: the extensions it may have, the signature its content must start with, and the content
/// type it is served with (taken from here, never from the browser).
/// </summary>
public sealed record FileType(string Name, string ContentType, IReadOnlyList<string> Extensions, FileSignature Signature)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>
/// The file types use cases pick from (platform.md §5.2): allow-listed by extension AND magic bytes, plus the content
/// that is refused whatever it is called. Later modules add their types here (doc(x), zip, mp4…).
/// </summary>
public static class FileTypes
{
    /// <summary>Bytes of the file start that validation looks at (enough for every signature and the HTML sniff).</summary>
    public const int HeadLength = 512;

    public static readonly FileType Png = new("PNG", "image/png", [".png"],
        h => h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));

    public static readonly FileType Jpeg = new("JPEG", "image/jpeg", [".jpg", ".jpeg"],
        h => h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]));

    /// <summary>GIF87a or GIF89a.</summary>
    public static readonly FileType Gif = new("GIF", "image/gif", [".gif"],
        h => h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8));

    /// <summary>RIFF container whose form type is WEBP ("RIFF" size "WEBP").</summary>
    public static readonly FileType Webp = new("WebP", "image/webp", [".webp"],
        h => h.Length >= 12 && h.StartsWith("RIFF"u8) && h.Slice(8, 4).SequenceEqual("WEBP"u8));

    public static readonly FileType Pdf = new("PDF", "application/pdf", [".pdf"], h => h.StartsWith("%PDF-"u8));

    /// <summary>Extensions refused even when the content looks harmless: scripts, installers, markup a browser runs.</summary>
    private static readonly HashSet<string> BlockedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".dll", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse", ".mjs", ".wsf", ".wsh", ".sh", ".msi",
        ".msp", ".jar", ".com", ".scr", ".pif", ".cpl", ".hta", ".lnk", ".reg", ".html", ".htm", ".xhtml", ".shtml",
        ".svg", ".svgz", ".php", ".phtml", ".asp", ".aspx", ".jsp", ".cgi", ".py", ".pl",
    };

    private static readonly string[] MarkupStarts = ["<!doctype html", "<html", "<svg", "<script", "<head", "<body", "<iframe"];

    /// <summary>Executables (MZ, ELF), shebang scripts, HTML and SVG — refused whatever the extension says.</summary>
    public static bool IsAlwaysRejected(string extension, ReadOnlySpan<byte> head)
    {
        if (BlockedExtensions.Contains(extension)) return true;
        if (head.StartsWith("MZ"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) || head.StartsWith("#!"u8)) return true;
        return LooksLikeMarkup(head);
    }

    /// <summary>
    /// HTML/SVG sniff the way browsers do: markup tags near the start (after a BOM and whitespace), or an XML document
    /// naming svg/html in its first bytes.
    /// </summary>
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (MarkupStarts.Any(m => text.StartsWith(m, StringComparison.Ordinal))) return true;
        return text.StartsWith("<?xml", StringComparison.Ordinal) && (text.Contains("<svg", StringComparison.Ordinal) || text.Contains("<html", StringComparison.Ordinal));
    }
}
