using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Platform.Identity;

namespace Portal.Platform.Api;

/// <summary>/api/v1 plumbing: bearer scheme, per-user rate limit, JSON errors. Modules add groups to <see cref="MapApiV1"/>.</summary>
public static class ApiModule
{
    public const string Prefix = "/api/v1";
    public const string PerUserPolicy = "api-per-user";
    public const int PerUserPerMinute = 300;
    /// <summary>Configuration key overriding <see cref="PerUserPerMinute"/> (bench/api-me.sh lifts it to measure the handler).</summary>
    public const string PerUserLimitKey = "Api:PerUserPerMinute";
    public const string GroupTag = "api";

    public static void AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Configurable only so a benchmark can measure the API rather than 429 answers (bench/api-me.sh).
        var perUser = configuration.GetValue(PerUserLimitKey, PerUserPerMinute);
        services.AddSingleton<TokenService>();
        services.AddScoped<ApiTokens>();
        services.AddApiDocument();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiBearerHandler>(ApiBearerHandler.SchemeName, null);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(PerUserPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId ? "u:" + userId : "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perUser, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                ctx.HttpContext.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiErrors.Problem(ctx.HttpContext, 429, "rate_limited", "Too many requests").ExecuteAsync(ctx.HttpContext);
            };
        });
    }

    /// <summary>Requests under /api/v1 authenticate with bearer tokens only; everything else with the session cookie.</summary>
    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments(Prefix);

    /// <summary>
    /// The root group every module's API hangs on: bearer-authenticated, per-user rate limited, no-store. Its OpenAPI
    /// document and the /api/docs page are mapped here too.
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireRateLimiting(PerUserPolicy).WithTags(GroupTag);
        app.MapApiDocs(api);
        return api;
    }
}
