using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// Looks at the certificate actually served: a TLS handshake (SNI = the portal's host name) to the self-test address —
/// Tls:SelfTestUrl, else the local HTTPS endpoint in Kestrel mode, else Portal:PublicUrl — plus an HTTP request on the
/// same connection, as step 7 of operations.md §5.3 asks.
/// </summary>
public sealed class CertificateProbe(TlsOptions options, IServiceProvider services)
{
    public sealed record Result(string? Thumbprint, CertificateDetails? Details, int? HttpStatus, string? Error);

    public Uri? Target()
    {
        if (options.SelfTestUrl is { } explicitUrl) return explicitUrl;
        if (options.Mode == TlsMode.Kestrel)
        {
            var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) is { } local)
                return new Uri(local.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
                    .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        }
        return options.PublicUrl is { Scheme: "https" } publicUrl ? publicUrl : null;
    }

    public async Task<Result> ProbeAsync(CancellationToken ct, TimeSpan? within = null)
    {
        if (Target() is not { } target) return new Result(null, null, null, "Nenhum endereço HTTPS para testar (Portal:PublicUrl ou Tls:SelfTestUrl).");
        var sni = options.PrimaryHost ?? target.Host;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(within ?? TimeSpan.FromSeconds(15));
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(target.Host, target.Port, timeout.Token);
            await using var ssl = new SslStream(tcp.GetStream(), false);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = sni,
                // The probe reports what is served, trusted or not; verification of a new certificate is separate (§5.3 step 5).
#pragma warning disable CA5359
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            }, timeout.Token);
            using var certificate = X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
            var details = CertificateDetails.From(certificate, target.GetLeftPart(UriPartial.Authority));
            var request = $"HEAD /health HTTP/1.1\r\nHost: {sni}\r\nConnection: close\r\n\r\n";
            await ssl.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), timeout.Token);
            var buffer = new byte[64];
            var read = await ssl.ReadAsync(buffer, timeout.Token);
            var line = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            int? status = line.StartsWith("HTTP/1.", StringComparison.Ordinal) && line.Length >= 12 && int.TryParse(line.AsSpan(9, 3), out var s) ? s : null;
            return new Result(certificate.Thumbprint, details, status, status is null ? "Sem resposta HTTP após o handshake." : null);
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            return new Result(null, null, null, $"Falha ao conectar em {target.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
        }
    }
}
