using System.Diagnostics;

namespace Portal.Platform.Logging;

/// <summary>
/// Echoes the request id (ASP.NET Core's TraceIdentifier, which the hosting log scope already attaches to every log
/// line of the request as RequestId) as X-Request-ID, so the code on a 500 page finds the log entry (platform.md §10),
/// and warns about slow requests.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(750);
    public static readonly TimeSpan VerySlowThreshold = TimeSpan.FromMilliseconds(2000);

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.TraceIdentifier;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-Request-ID"] = id;
            return Task.CompletedTask;
        });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= SlowThreshold)
            {
                logger.LogWarning("{SlowTag}Requisição lenta: {Method} {Path} → {StatusCode} em {ElapsedMs:0} ms",
                    elapsed >= VerySlowThreshold ? "SLOW REQUEST " : "", context.Request.Method, context.Request.Path,
                    context.Response.StatusCode, elapsed.TotalMilliseconds);
            }
        }
    }
}
