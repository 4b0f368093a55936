using Microsoft.Net.Http.Headers;

namespace Portal.Platform.Files;

/// <summary>
/// The headers every stored-file download carries (platform.md §5.2, PLT-07): the original name as an attachment
/// (RFC 5987 <c>filename*</c> plus an ASCII fallback), <c>nosniff</c>, no caching outside the user's browser session,
/// and a sandbox CSP so content opened directly can never run script. Only images may be shown inline. Range
/// requests are honoured so video can seek.
/// </summary>
public static class FileResponses
{
    public static IResult Serve(HttpContext http, StoredFile file, Stream content, bool inline = false)
    {
        var disposition = inline && IsImage(file) ? "inline" : "attachment";
        var headers = http.Response.Headers;
        headers.ContentDisposition = ContentDisposition(disposition, file.OriginalName);
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        headers.ContentSecurityPolicy = "sandbox";
        return Results.File(content, file.ContentType,
            lastModified: DateTime.SpecifyKind(file.UploadedAt, DateTimeKind.Utc),
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""),
            enableRangeProcessing: true);
    }

    /// <summary><c>attachment; filename=relat_rio.pdf; filename*=UTF-8''relat%C3%B3rio.pdf</c></summary>
    public static string ContentDisposition(string type, string fileName)
    {
        var value = new ContentDispositionHeaderValue(type);
        value.SetHttpFileName(string.IsNullOrWhiteSpace(fileName) ? "arquivo" : fileName);
        return value.ToString();
    }

    public static bool IsImage(StoredFile file) => file.ContentType.StartsWith("image/", StringComparison.Ordinal);
}
