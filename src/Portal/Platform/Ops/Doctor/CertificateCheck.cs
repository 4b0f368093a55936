using System.Security.Cryptography.X509Certificates;
using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"Certificado": validity, host name, chain and days left of Tls:CertificatePath (PEM or PFX), when configured.</summary>
public sealed class CertificateCheck(IConfiguration config, PortalPaths paths, TimeProvider clock) : IDoctorCheck
{
    private const string Name = "Certificado";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        if (config["Tls:CertificatePath"] is not { Length: > 0 } configured) return Task.FromResult<IReadOnlyList<DoctorFinding>>([]);
        var path = Path.GetFullPath(configured, paths.DataPath);
        if (!File.Exists(path))
            return Task.FromResult<IReadOnlyList<DoctorFinding>>([DoctorFinding.Failed(Name, $"Arquivo do certificado não encontrado: {path}.",
                "Corrija Tls:CertificatePath ou renove o certificado (portal cert / certbot).")]);
        using var certificate = Load(path);
        var now = clock.GetUtcNow().UtcDateTime;
        var days = (int)Math.Floor((certificate.NotAfter.ToUniversalTime() - now).TotalDays);
        var findings = new List<DoctorFinding>();
        if (days < 0)
            findings.Add(DoctorFinding.Failed(Name, $"Certificado vencido em {certificate.NotAfter:dd/MM/yyyy}.", "Renove o certificado agora (em /admin/certificados ou com o certbot) e recarregue o proxy."));
        else if (days < 7)
            findings.Add(DoctorFinding.Failed(Name, $"Certificado vence em {days} dia(s).", "Renove o certificado agora; verifique por que a renovação automática não rodou."));
        else if (days < 30)
            findings.Add(DoctorFinding.Warning(Name, $"Certificado vence em {days} dia(s).", "A renovação deve acontecer nos próximos dias; confira o histórico de renovações."));
        else
            findings.Add(DoctorFinding.Ok(Name, $"Certificado OK — {days} dia(s) restantes (até {certificate.NotAfter:dd/MM/yyyy})."));

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
        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
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
