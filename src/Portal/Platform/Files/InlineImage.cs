namespace Portal.Platform.Files;

/// <summary>
/// Serves a stored image for display (platform.md §5.2): only images are served inline, always with
/// <c>Content-Security-Policy: sandbox</c> and <c>nosniff</c>, cached privately by the browser.
/// </summary>
public static class InlineImage
{
    public static async Task<IResult> ServeAsync(HttpContext http, FileUploads files, StoredFile? file, CancellationToken ct)
    {
        if (file is null || !file.ContentType.StartsWith("image/", StringComparison.Ordinal)) return Results.NotFound();
        var content = await files.OpenReadAsync(file, ct);
        if (content is null) return Results.NotFound();
        http.Response.Headers.CacheControl = "private, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        return Results.File(content, file.ContentType);
    }
}
