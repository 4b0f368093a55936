// The tests look at self-signed certificates on purpose: the handshake itself is what they check.
#pragma warning disable CA5359
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Tests.Certificates;

/// <summary>Certificates made in the test (CertificateRequest) and a raw TLS handshake to see what a server presents.</summary>
public static class TestCertificates
{
    public const string Host = "portal.test";

    /// <summary>A test CA that signs leaf certificates (chain verification with Tls:TrustedRootsPath).</summary>
    public sealed class Authority : IDisposable
    {
        public X509Certificate2 Certificate { get; }

        public Authority(string name = "Portal Test CA")
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddYears(5));
        }

        public string Pem => Certificate.ExportCertificatePem() + "\n";

        /// <summary>Leaf for <paramref name="hosts"/> valid until now + <paramref name="days"/> (PEM chain, PEM key).</summary>
        public (string ChainPem, string KeyPem, string Thumbprint) Issue(double days, params string[] hosts)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = Leaf(key, hosts.Length == 0 ? [Host] : hosts);
            var serial = RandomNumberGenerator.GetBytes(12);
            serial[0] &= 0x7f;
            // A 90-day lifetime as Let's Encrypt's, whatever is left: renewal thresholds depend on the lifetime.
            var notBefore = DateTimeOffset.UtcNow.AddDays(Math.Min(-1, days - 90));
            using var cert = request.Create(Certificate, notBefore, DateTimeOffset.UtcNow.AddDays(days), serial);
            return (cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", cert.Thumbprint);
        }

        public void Dispose() => Certificate.Dispose();
    }

    /// <summary>Self-signed leaf valid for <paramref name="days"/> more days.</summary>
    public static (string ChainPem, string KeyPem, string Thumbprint) SelfSigned(double days, params string[] hosts)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(key, hosts.Length == 0 ? [Host] : hosts);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days));
        return (cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", cert.Thumbprint);
    }

    private static CertificateRequest Leaf(ECDsa key, string[] hosts)
    {
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var h in hosts) san.AddDnsName(h);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request;
    }

    /// <summary>Writes cert and key the way an operator (or certbot) replaces them: key first, then certificate.</summary>
    public static void Write(string certPath, string keyPath, (string ChainPem, string KeyPem, string Thumbprint) cert)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certPath)!);
        File.WriteAllText(keyPath, cert.KeyPem);
        File.WriteAllText(certPath, cert.ChainPem);
    }

    /// <summary>A fresh TLS handshake (new connection) to <paramref name="https"/> with SNI <paramref name="sni"/>.</summary>
    public static async Task<X509Certificate2> PresentedAsync(Uri https, string sni = Host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(https.Host, https.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = sni,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
    }

    /// <summary>Polls new handshakes until the server presents <paramref name="thumbprint"/> (or the deadline passes).</summary>
    public static async Task<string> WaitForAsync(Uri https, string thumbprint, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        string seen;
        do
        {
            using var cert = await PresentedAsync(https);
            seen = cert.Thumbprint;
            if (seen == thumbprint) return seen;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return seen;
    }

    /// <summary>An HttpClient that accepts the test certificates, sends Host: portal.test and follows no redirects.</summary>
    public static HttpClient Client() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { TargetHost = Host, RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
}
