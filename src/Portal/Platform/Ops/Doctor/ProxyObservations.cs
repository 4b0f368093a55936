using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Platform.Ops.Doctor;

/// <summary>
/// Counts how recent requests arrived (operations.md §6.3 "forwarded headers seen as expected"): through a trusted
/// proxy (ForwardedHeadersMiddleware moved the originals to X-Original-*), with forwarded headers from an untrusted
/// peer (left untouched), or directly.
/// </summary>
public sealed class ProxyObservations
{
    private long _viaProxyHttps, _viaProxyHttp, _untrusted, _direct;

    public (long ViaProxyHttps, long ViaProxyHttp, long Untrusted, long Direct) Snapshot() =>
        (Interlocked.Read(ref _viaProxyHttps), Interlocked.Read(ref _viaProxyHttp), Interlocked.Read(ref _untrusted), Interlocked.Read(ref _direct));

    public void Observe(HttpRequest request)
    {
        if (request.Headers.ContainsKey(ForwardedHeadersDefaults.XOriginalForHeaderName)
            || request.Headers.ContainsKey(ForwardedHeadersDefaults.XOriginalProtoHeaderName))
        {
            if (request.IsHttps) Interlocked.Increment(ref _viaProxyHttps);
            else Interlocked.Increment(ref _viaProxyHttp);
        }
        else if (request.Headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName)) Interlocked.Increment(ref _untrusted);
        else Interlocked.Increment(ref _direct);
    }
}
