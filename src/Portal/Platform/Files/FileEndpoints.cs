using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Platform.Files;

/// <summary>
/// <c>GET /arquivos/{id}</c> (download through the owner's read rule) and <c>POST /arquivos/imagem-editor</c> (images
/// pasted or dropped into the rich-text editor). Both need a signed-in user (fallback policy).
/// </summary>
public static class FileEndpoints
{
    public const string EditorImageRoute = "/arquivos/imagem-editor";
    public const string CsrfMessage = "CSRF token inválido. Recarregue a página e tente novamente.";
    public const string NoFileMessage = "Selecione um arquivo.";

    /// <summary>Room for a 5 MB image plus the multipart envelope; larger bodies get 413 before being read.</summary>
    private const long EditorImageRequestLimit = 6 * 1024 * 1024;

    /// <summary>The authorized URL of a stored file (what rich text and links point at).</summary>
    public static string UrlFor(Guid id) => "/arquivos/" + id.ToString("D");

    public static void MapPortalFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/arquivos/{id:guid}", DownloadAsync);
        app.MapPost(EditorImageRoute, UploadEditorImageAsync)
            .DisableAntiforgery() // validated by hand below, to answer 403 with a message instead of a bare 400
            .WithMetadata(new RequestSizeLimitAttribute(EditorImageRequestLimit));
    }

    private static Task<IResult> DownloadAsync(Guid id, HttpContext http, FileDownloads downloads, CurrentUser user, CancellationToken ct) =>
        downloads.ServeAsync(http, id, user.Id, http.Request.Query["inline"] == "1", ct);

    private static async Task<IResult> UploadEditorImageAsync(HttpContext http, IAntiforgery antiforgery, UploadRateLimiter limiter,
        CurrentUser user, FileUploads uploads, PortalDb db, CancellationToken ct)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Error(StatusCodes.Status403Forbidden, CsrfMessage);
        }
        if (!limiter.TryAcquire(user.Id, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = UploadRateLimiter.RetrySeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, UploadRateLimiter.RetryMessage(retryAfter));
        }
        var files = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct)).Files : null;
        if ((files?.GetFile("file") ?? (files?.Count > 0 ? files[0] : null)) is not { } upload)
            return Error(StatusCodes.Status400BadRequest, NoFileMessage);

        var stored = await uploads.StoreAsync(PlatformFileUseCases.EditorImage, UploadSource.From(upload),
            EditorImageReadAccess.OwnerFor(user.Id), user.Id, ct: ct);
        if (!stored.Succeeded)
            return Error(stored.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, stored.Error!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await uploads.DiscardAsync(stored.File!);
            throw;
        }
        return Results.Json(new { id = stored.File!.Id, url = UrlFor(stored.File.Id) });
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
