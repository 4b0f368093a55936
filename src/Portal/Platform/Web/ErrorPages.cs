namespace Portal.Platform.Web;

public static class ErrorPages
{
    /// <summary>
    /// Pages get pt-BR error pages (403/404/405/429/500 with the request id); /api and /health keep their JSON bodies.
    /// </summary>
    public static void UsePortalErrorPages(this WebApplication app)
    {
        app.UseWhen(ctx => !IsMachineEndpoint(ctx), branch =>
        {
            branch.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/erro/500",
                // A body over the limit (or another malformed request) is the client's fault: keep Kestrel's 4xx.
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            branch.UseStatusCodePagesWithReExecute("/erro/{0}");
        });
        app.UseWhen(IsMachineEndpoint, branch => branch.UseExceptionHandler(e => e.Run(async ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await ctx.Response.WriteAsJsonAsync(new { error = "internal_error", message = "Erro interno.", requestId = ctx.TraceIdentifier });
        })));
    }

    private static bool IsMachineEndpoint(HttpContext ctx) =>
        ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/health");
}
