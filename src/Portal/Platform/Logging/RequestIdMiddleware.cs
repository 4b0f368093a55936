using System.Diagnostics;
using Serilog.Context;

namespace Portal.Platform.Logging;

/// <summary>
/// Gives every request a short id, echoed as X-Request-ID and attached to every log line of the request, so the
/// code on a 500 page finds the log entry (platform.md §10).
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(750);
    public static readonly TimeSpan VerySlowThreshold = TimeSpan.FromMilliseconds(2000);

    public async Task InvokeAsync(HttpContext context)
    {
        var id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-Request-ID"] = id;
            return Task.CompletedTask;
        });
        var started = Stopwatch.GetTimestamp();
        using (LogContext.PushProperty("RequestId", id))
        {
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
}
