using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Portal.Platform.Configuration;
using Portal.Platform.Data;

namespace Portal.Platform.Security;

/// <summary>
/// Data Protection key ring stored in the database (shared by all instances, included in backups) and encrypted with
/// a self-signed certificate kept in &lt;DataPath&gt;/keys (operations.md §2 Security:KeyProtectionCertificate).
/// </summary>
public sealed class KeyProtection
{
    public required string CertificatePath { get; init; }
    /// <summary>True when this start had to create the certificate: then an existing key ring would be unreadable.</summary>
    public bool CertificateCreated { get; private init; }

    public static KeyProtection AddPortalDataProtection(WebApplicationBuilder builder, PortalPaths paths)
    {
        var path = builder.Configuration["Security:KeyProtectionCertificate"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, paths.DataPath)
            : Path.Combine(paths.KeysPath, "keyprotection.pfx");
        var created = false;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Portal Contabil Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
            File.WriteAllBytes(path, generated.Export(X509ContentType.Pfx));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            created = true;
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
        builder.Services.AddDataProtection()
            .SetApplicationName("PortalContabil")
            .PersistKeysToDbContext<PortalDb>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
        var protection = new KeyProtection { CertificatePath = path, CertificateCreated = created };
        builder.Services.AddSingleton(protection);
        return protection;
    }
}
