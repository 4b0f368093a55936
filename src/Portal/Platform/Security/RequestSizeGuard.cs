using Microsoft.AspNetCore.Http.Metadata;

namespace Portal.Platform.Security;

/// <summary>
/// Refuses a declared body larger than the endpoint's limit with 413 before anything reads it. Without this, the
/// antiforgery check would read the form first and report the oversized body as a CSRF failure (403).
/// </summary>
public sealed class RequestSizeGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? PlatformModule.MaxRequestBodyBytes;
        if (context.Request.ContentLength is long length && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
