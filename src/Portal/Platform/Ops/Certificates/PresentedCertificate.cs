namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// The certificate the HTTPS endpoint presents right now (handshake to Tls:SelfTestUrl, the local Kestrel HTTPS
/// endpoint or Portal:PublicUrl — <see cref="CertificateProbe.Target"/>), for /health/ready, the health page and the
/// doctor: what browsers get can differ from the files (a proxy not reloaded, a renewal not picked up). Readings are
/// reused for a few minutes so the readiness endpoint stays cheap; null when there is no address or no handshake,
/// and callers then fall back to the files.
/// </summary>
public sealed class PresentedCertificate(CertificateProbe probe, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime At, CertificateDetails? Details)? _last;

    public async Task<CertificateDetails?> ReadAsync(CancellationToken ct)
    {
        if (probe.Target() is null) return null;
        if (Fresh() is { } cached) return cached.Details;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again.Details;
            var result = await probe.ProbeAsync(ct, HandshakeTimeout);
            _last = (clock.GetUtcNow().UtcDateTime, result.Details);
            return result.Details;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private (DateTime At, CertificateDetails? Details)? Fresh() =>
        _last is { } last && clock.GetUtcNow().UtcDateTime - last.At < Reuse ? last : null;
}
