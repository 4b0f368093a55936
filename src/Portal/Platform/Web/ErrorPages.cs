using Portal.Platform.Configuration;

namespace Portal.Platform.Web;

public static class ErrorPages
{
    /// <summary>
    /// Pages get pt-BR error pages (403/404/405/429/500 with the request id); /api and /health keep their JSON bodies.
    /// </summary>
    public static void UsePortalErrorPages(this WebApplication app)
    {
        // Kestrel mode: plain HTTP only redirects and answers ACME challenges. Whatever else ends there (an unknown
        // challenge, a failure) gets a short text answer — the HTML pages need the HTTPS-only antiforgery cookie and
        // would turn a 404 into a 500 (KestrelTlsTests.Not_found_over_plain_http_is_a_404_not_a_500).
        var kestrel = app.Configuration.GetTlsMode(app.Environment) == TlsMode.Kestrel;
        bool PlainHttp(HttpContext ctx) => kestrel && !ctx.Request.IsHttps && !IsMachineEndpoint(ctx);
        app.UseWhen(PlainHttp, branch =>
        {
            branch.UseExceptionHandler(e => e.Run(ctx => PlainTextAsync(ctx, StatusCodes.Status500InternalServerError)));
            branch.UseStatusCodePages(ctx => PlainTextAsync(ctx.HttpContext, ctx.HttpContext.Response.StatusCode));
        });
        app.UseWhen(ctx => !IsMachineEndpoint(ctx) && !PlainHttp(ctx), branch =>
        {
            branch.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/erro/500",
                // A body over the limit (or another malformed request) is the client's fault: keep Kestrel's 4xx.
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            branch.UseStatusCodePagesWithReExecute("/erro/{0}");
        });
        app.UseWhen(IsMachineEndpoint, branch =>
        {
            branch.UseExceptionHandler(e => e.Run(ctx =>
            {
                var status = ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad
                    ? bad.StatusCode : StatusCodes.Status500InternalServerError;
                return Api.ApiErrors.Problem(ctx, status, CodeFor(status), status == 500 ? "Internal error" : "Bad request").ExecuteAsync(ctx);
            }));
            // Bodiless 4xx (no route, wrong method, framework binding failures…) get the API's error shape.
            branch.UseStatusCodePages(ctx => ctx.HttpContext.Request.Path.StartsWithSegments("/health")
                ? Task.CompletedTask
                : Api.ApiErrors.Problem(ctx.HttpContext, ctx.HttpContext.Response.StatusCode, CodeFor(ctx.HttpContext.Response.StatusCode),
                    ReasonFor(ctx.HttpContext.Response.StatusCode)).ExecuteAsync(ctx.HttpContext));
        });
    }

    private static Task PlainTextAsync(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        var text = status switch
        {
            404 => "Não encontrado.",
            405 => "Método não permitido.",
            >= 500 => $"Erro interno. Código: {ctx.TraceIdentifier}",
            _ => ReasonFor(status),
        };
        return ctx.Response.WriteAsync($"{status} — {text}\n");
    }

    private static string CodeFor(int status) => status switch
    {
        400 => "validation_failed",
        401 => "missing_token",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        _ => status >= 500 ? "internal_error" : "bad_request",
    };

    private static string ReasonFor(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static bool IsMachineEndpoint(HttpContext ctx) =>
        ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/health");
}
