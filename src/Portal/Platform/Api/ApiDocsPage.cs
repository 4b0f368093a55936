using System.IO.Compression;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Portal.Platform.Security;

namespace Portal.Platform.Api;

/// <summary>
/// /api/docs: the Scalar reference for the OpenAPI document, under the strict CSP. Scalar's own page
/// (MapScalarApiReference) boots with an inline module script and its CDN, so this page is ours: no inline script, the
/// library's bundled standalone JS served from the package's embedded assets, configuration in data attributes, and
/// the request's CSP nonce in the meta tag Scalar reads for the stylesheet it injects. wwwroot/js/api-docs.js runs
/// first and reroutes the bundle's other inline styles (and zod's eval probe) to what the CSP allows.
/// </summary>
public static class ApiDocsPage
{
    public const string PagePath = "/api/docs";
    public const string DocumentPath = "/api/docs/openapi.json";
    public const string ScriptPath = "/api/docs/scalar.js";

    private const string ScriptResource = "ScalarStaticAssets.scalar.js";
    private static readonly Assembly ScalarAssembly = typeof(Scalar.AspNetCore.ScalarOptions).Assembly;
    private static readonly string ScriptVersion = ScalarAssembly.GetName().Version?.ToString() ?? "0";
    private static readonly Lazy<byte[]> GzippedScript = new(() => ReadResource(ScriptResource));
    private static readonly Lazy<byte[]> PlainScript = new(() => Gunzip(GzippedScript.Value));

    // Nothing may leave the portal: no web fonts, telemetry, AI agent, developer toolbar or "Open API Client" link (they
    // call Scalar's servers or hand them the document's URL). The in-page "Test Request" client stays: it calls this server.
    private static readonly string Configuration = JsonSerializer.Serialize(new
    {
        withDefaultFonts = false,
        telemetry = false,
        showDeveloperTools = "never",
        agent = new { disabled = true },
        hideClientButton = true,
        persistAuth = false,
        documentDownloadType = "json",
        localization = new { locale = "pt" }, // Scalar translates its API client; the rest stays in English
    });

    /// <summary>The bearer copy of the document inside /api/v1 and the session-cookie page with its own copy.</summary>
    public static void MapApiDocs(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapGet("/openapi.json", ApiDocument.WriteAsync)
            .WithTags(ApiDocument.DocsTag).WithSummary("Este documento OpenAPI 3.1.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .AllowAnonymous().AddEndpointFilter(ApiDocsGate.Bearer).WithMetadata(ApiDocsGate.Bearer);

        // Mapped one by one (not as a group) so the routes read exactly as their paths.
        static void Docs(RouteHandlerBuilder endpoint) =>
            endpoint.AllowAnonymous().AddEndpointFilter(ApiDocsGate.Session).WithMetadata(ApiDocsGate.Session).ExcludeFromDescription();
        Docs(app.MapGet(PagePath, Page));
        Docs(app.MapGet(DocumentPath, ApiDocument.WriteAsync));
        Docs(app.MapGet(ScriptPath, Script));
    }

    private static IResult Page(HttpContext http)
    {
        var html = HtmlEncoder.Default;
        var body = $"""
            <!doctype html>
            <html lang="pt-BR">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta property="csp-nonce" content="{html.Encode(http.CspNonce())}">
                <title>{html.Encode(ApiDocument.Title)} · Documentação</title>
                <link rel="icon" href="/img/logo-default.svg" type="image/svg+xml">
                <script src="/js/api-docs.js" defer></script>
                <script src="{ScriptPath}?v={html.Encode(ScriptVersion)}" defer></script>
            </head>
            <body>
                <script id="api-reference" type="application/json" data-url="{DocumentPath}" data-configuration="{html.Encode(Configuration)}"></script>
            </body>
            </html>
            """;
        return Results.Content(body, "text/html; charset=utf-8");
    }

    /// <summary>Scalar's standalone bundle as shipped gzip-compressed in the package; decompressed for the rare client without gzip.</summary>
    private static IResult Script(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "private, max-age=604800"; // the URL carries the package version
        headers.Vary = HeaderNames.AcceptEncoding;
        var acceptsGzip = http.Request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
        if (!acceptsGzip) return Results.Bytes(PlainScript.Value, "text/javascript; charset=utf-8");
        headers.ContentEncoding = "gzip";
        return Results.Bytes(GzippedScript.Value, "text/javascript; charset=utf-8");
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = ScalarAssembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Recurso {name} ausente em {ScalarAssembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
