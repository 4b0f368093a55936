using System.Collections.Concurrent;
using Microsoft.Extensions.Http;

namespace Portal.Platform.Health;

/// <summary>Last success and last failure of one outgoing HTTP client since the portal started.</summary>
public sealed record IntegrationOutcome(DateTime? LastSuccess, DateTime? LastFailure, string? LastError);

/// <summary>
/// What the health page says about each integration's last calls (operations.md §6.2). Kept in memory: it describes
/// this process, and the error is only a status code or an exception type — never a URL, header or body, which may
/// carry a token or a document number.
/// </summary>
public sealed class IntegrationActivity(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, IntegrationOutcome> _outcomes = new(StringComparer.Ordinal);

    public IntegrationOutcome? Get(string client) => _outcomes.TryGetValue(client, out var o) ? o : null;

    public void Succeeded(string client)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        _outcomes.AddOrUpdate(client, _ => new IntegrationOutcome(now, null, null), (_, o) => o with { LastSuccess = now });
    }

    public void Failed(string client, string error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        _outcomes.AddOrUpdate(client, _ => new IntegrationOutcome(null, now, error), (_, o) => o with { LastFailure = now, LastError = error });
    }
}

/// <summary>Adds the recording handler to every named HTTP client, so an integration needs no code to be observed.</summary>
internal sealed class IntegrationActivityFilter(IntegrationActivity activity) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (!string.IsNullOrEmpty(builder.Name)) builder.AdditionalHandlers.Insert(0, new IntegrationActivityHandler(activity, builder.Name));
    };
}

/// <summary>
/// Outermost handler: one outcome per call after the client's own retries. 404 counts as an answer (the lookups use it
/// for "not found"); 5xx, 401, 403, 429 and connection failures or time-outs count as failures.
/// </summary>
internal sealed class IntegrationActivityHandler(IntegrationActivity activity, string client) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            var response = await base.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (status >= 500 || status is 401 or 403 or 429) activity.Failed(client, $"HTTP {status}");
            else activity.Succeeded(client);
            return response;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            activity.Failed(client, ex is TaskCanceledException or TimeoutException || ex.GetType().Name.Contains("Timeout", StringComparison.Ordinal)
                ? "tempo esgotado" : ex.GetType().Name);
            throw;
        }
    }
}
