using System.Security.Cryptography.X509Certificates;
using Portal.Platform.Configuration;
using Portal.Platform.Ops.Certificates;

namespace Portal.Platform.Ops.Doctor;

/// <summary>
/// "Certificado": days left of the certificate the HTTPS endpoint actually presents (handshake to the local Kestrel or
/// proxy address), falling back to Tls:CertificatePath (PEM or PFX); host name and chain of the file; and a warning
/// when the two differ (a renewed file the proxy or Kestrel has not picked up).
/// </summary>
public sealed class CertificateCheck(IConfiguration config, PortalPaths paths, PresentedCertificate presented, TimeProvider clock) : IDoctorCheck
{
    private const string Name = "Certificado";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var served = await presented.ReadAsync(ct);
        var findings = new List<DoctorFinding>();
        if (served is not null) findings.Add(DaysFinding(served.NotAfter, $" — apresentado em {served.Source}"));
        if (config["Tls:CertificatePath"] is not { Length: > 0 } configured) return findings;
        var path = Path.GetFullPath(configured, paths.DataPath);
        if (!File.Exists(path))
        {
            findings.Add(DoctorFinding.Failed(Name, $"Arquivo do certificado não encontrado: {path}.",
                "Corrija Tls:CertificatePath ou renove o certificado (portal cert / certbot)."));
            return findings;
        }
        using var certificate = Load(path);
        if (served is null) findings.Add(DaysFinding(certificate.NotAfter.ToUniversalTime(), ""));
        else if (!string.Equals(served.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase))
            findings.Add(DoctorFinding.Warning(Name,
                $"O certificado apresentado (válido até {served.NotAfter:dd/MM/yyyy}) não é o do arquivo {path} (válido até {certificate.NotAfter.ToUniversalTime():dd/MM/yyyy}).",
                "Recarregue o proxy (Tls:ReloadCommand, ex.: systemctl reload apache2) ou reinicie o serviço do portal para apresentar o certificado do arquivo."));

        var host = HostName();
        if (host is not null && !certificate.MatchesHostname(host))
            findings.Add(DoctorFinding.Failed(Name, $"O certificado não cobre o endereço {host}.", "Emita um certificado para o nome de Portal:PublicUrl (ou Tls:HostNames)."));
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (config["Tls:ChainPath"] is { Length: > 0 } chainPath && File.Exists(Path.GetFullPath(chainPath, paths.DataPath)))
            chain.ChainPolicy.ExtraStore.AddRange(X509CertificateLoader.LoadPkcs12CollectionFromFile(Path.GetFullPath(chainPath, paths.DataPath), null));
        if (!chain.Build(certificate))
            findings.Add(DoctorFinding.Warning(Name, "Cadeia do certificado incompleta ou não confiável: "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct().Take(3)),
                "Use o arquivo fullchain (certificado + intermediários) em Tls:CertificatePath ou informe Tls:ChainPath."));
        return findings;
    }

    private DoctorFinding DaysFinding(DateTime notAfterUtc, string where)
    {
        var days = (int)Math.Floor((notAfterUtc - clock.GetUtcNow().UtcDateTime).TotalDays);
        if (days < 0)
            return DoctorFinding.Failed(Name, $"Certificado vencido em {notAfterUtc:dd/MM/yyyy}{where}.", "Renove o certificado agora (em /admin/certificados ou com o certbot) e recarregue o proxy.");
        if (days < 7)
            return DoctorFinding.Failed(Name, $"Certificado vence em {days} dia(s){where}.", "Renove o certificado agora; verifique por que a renovação automática não rodou.");
        if (days < 30)
            return DoctorFinding.Warning(Name, $"Certificado vence em {days} dia(s){where}.", "A renovação deve acontecer nos próximos dias; confira o histórico de renovações.");
        return DoctorFinding.Ok(Name, $"Certificado OK — {days} dia(s) restantes (até {notAfterUtc:dd/MM/yyyy}){where}.");
    }

    private string? HostName() =>
        config["Tls:HostNames"] is { Length: > 0 } names ? names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0]
        : Uri.TryCreate(config["Portal:PublicUrl"], UriKind.Absolute, out var uri) ? uri.Host : null;

    private X509Certificate2 Load(string path)
    {
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            return X509CertificateLoader.LoadPkcs12FromFile(path, config["Tls:CertificatePassword"]);
        return X509CertificateLoader.LoadCertificateFromFile(path); // PEM (first certificate of a fullchain) or DER
    }
}
