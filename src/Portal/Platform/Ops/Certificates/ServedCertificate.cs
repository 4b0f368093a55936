using System.Security.Cryptography.X509Certificates;

namespace Portal.Platform.Ops.Certificates;

/// <summary>A certificate with its private key and the intermediates sent with it in the handshake.</summary>
public sealed class ServedCertificate(X509Certificate2 leaf, X509Certificate2Collection intermediates) : IDisposable
{
    public X509Certificate2 Leaf { get; } = leaf;
    public X509Certificate2Collection Intermediates { get; } = intermediates;

    public void Dispose()
    {
        Leaf.Dispose();
        foreach (var c in Intermediates) c.Dispose();
    }
}

/// <summary>What the page, the CLI and the monitor show of a certificate (no key material).</summary>
public sealed record CertificateDetails(
    string Subject, IReadOnlyList<string> HostNames, string Issuer, DateTime NotBefore, DateTime NotAfter, string Thumbprint, string Source)
{
    public static CertificateDetails From(X509Certificate2 certificate, string source) => new(
        certificate.GetNameInfo(X509NameType.SimpleName, false), DnsNames(certificate), certificate.GetNameInfo(X509NameType.SimpleName, true),
        certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), certificate.Thumbprint, source);

    public int DaysLeft(DateTime utcNow) => (int)Math.Floor((NotAfter - utcNow).TotalDays);

    public TimeSpan Lifetime => NotAfter - NotBefore;

    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var ext in certificate.Extensions)
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }
        return names;
    }
}
