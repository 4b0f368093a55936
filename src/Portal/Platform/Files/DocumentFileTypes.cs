namespace Portal.Platform.Files;

/// <summary>
/// Office documents, archives and plain-text types for attachments (platform.md §5.3). Text types have no magic
/// bytes, so their "signature" is the absence of binary content; markup is refused before these run.
/// </summary>
public static class DocumentFileTypes
{
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static bool IsZip(ReadOnlySpan<byte> h) => h.StartsWith("PK\x03\x04"u8);

    /// <summary>OpenDocument packages store an uncompressed "mimetype" entry first, naming the document kind.</summary>
    private static bool IsOpenDocument(ReadOnlySpan<byte> h, ReadOnlySpan<byte> mime) =>
        IsZip(h) && h.Length > 38 + mime.Length && h.Slice(30, 8).SequenceEqual("mimetype"u8) && h[38..].StartsWith(mime);

    private static bool IsText(ReadOnlySpan<byte> h) => !h.Contains((byte)0);

    public static readonly FileType Doc = new("DOC", "application/msword", [".doc"], h => h.StartsWith(Ole2));
    public static readonly FileType Xls = new("XLS", "application/vnd.ms-excel", [".xls"], h => h.StartsWith(Ole2));
    public static readonly FileType Ppt = new("PPT", "application/vnd.ms-powerpoint", [".ppt"], h => h.StartsWith(Ole2));

    public static readonly FileType Docx = new("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], IsZip);
    public static readonly FileType Xlsx = new("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], IsZip);
    public static readonly FileType Pptx = new("PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"], IsZip);

    public static readonly FileType Odt = new("ODT", "application/vnd.oasis.opendocument.text", [".odt"],
        h => IsOpenDocument(h, "application/vnd.oasis.opendocument.text"u8));
    public static readonly FileType Ods = new("ODS", "application/vnd.oasis.opendocument.spreadsheet", [".ods"],
        h => IsOpenDocument(h, "application/vnd.oasis.opendocument.spreadsheet"u8));

    public static readonly FileType Zip = new("ZIP", "application/zip", [".zip"], IsZip);

    public static readonly FileType Txt = new("TXT", "text/plain", [".txt"], IsText);
    public static readonly FileType Csv = new("CSV", "text/csv", [".csv"], IsText);
    public static readonly FileType Xml = new("XML", "application/xml", [".xml"], h => IsText(h) && h.TrimStart("\xEF\xBB\xBF"u8).TrimStart(" \t\r\n"u8).StartsWith("<"u8));
}
