using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Portal.Features.Clients.Lookup;

/// <summary>
/// The three read-only HTTP clients of the lookup, each with a resilience pipeline: total time bound, one retry of the
/// idempotent GET after a 5xx or a connection failure (never after 429 — the next source is asked instead).
/// </summary>
internal static class LookupRegistration
{
    public static void AddCompanyLookup(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompanyLookupOptions>(configuration.GetSection(CompanyLookupOptions.Section));
        services.AddScoped<CompanyLookup>();
        services.AddScoped<ICompanyLookup>(sp => sp.GetRequiredService<CompanyLookup>());
        foreach (var name in new[] { CompanyLookup.BrasilApiClient, CompanyLookup.ReceitaWsClient, CompanyLookup.AcessoriasClient })
        {
            services.AddHttpClient(name, http =>
                {
                    http.DefaultRequestHeaders.UserAgent.ParseAdd("PortalContabil/1.0");
                    http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                    // The resilience pipeline bounds the time; this only stops a stuck stream.
                    http.Timeout = TimeSpan.FromMinutes(2);
                })
                .AddResilienceHandler("lookup", (pipeline, context) =>
                {
                    var o = context.ServiceProvider.GetRequiredService<IOptionsMonitor<CompanyLookupOptions>>().CurrentValue;
                    var timeout = TimeSpan.FromSeconds(Math.Clamp(o.TimeoutSeconds, 0.1, 120));
                    pipeline.AddTimeout(timeout);
                    if (o.Retries > 0)
                        pipeline.AddRetry(new HttpRetryStrategyOptions
                        {
                            MaxRetryAttempts = o.Retries,
                            Delay = TimeSpan.FromMilliseconds(Math.Max(0, o.RetryDelayMilliseconds)),
                            BackoffType = DelayBackoffType.Constant,
                            UseJitter = false,
                            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                            {
                                { Exception: HttpRequestException } => true,
                                { Result: { } r } => (int)r.StatusCode >= 500,
                                _ => false,
                            }),
                        });
                });
        }
    }
}
