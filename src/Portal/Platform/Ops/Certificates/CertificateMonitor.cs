using System.Globalization;
using System.Security.Cryptography;
using Portal.Platform.Time;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// Monitoring of operations.md §5.2: reads the certificate in use (configured file, else the one presented at the
/// self-test address), records the days left and raises system.certificate_expiring under 30 days (warning, once per
/// certificate) and under 7 days (critical, once a day until fixed).
/// </summary>
public sealed class CertificateMonitor(
    CertificateFiles files, CertificateProbe probe, CertificateStatus status, CertificateAlerts alerts, TimeProvider clock, ILogger<CertificateMonitor> log)
{
    /// <param name="email">The daily job e-mails; "Verificar agora" only notifies in-app (dedup keeps it to one).</param>
    public async Task<CertificateStatus.Reading> CheckAsync(bool email, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (details, error) = await ReadAsync(ct);
        CertificateStatus.Reading reading;
        if (details is null)
        {
            reading = new(now, null, null, CertificateLevel.Unknown, error ?? "Nenhum certificado configurado (Tls:CertificatePath ou Portal:PublicUrl com https).");
            log.LogWarning("Certificado não verificado: {Message}", reading.Message);
            status.Set(reading);
            return reading;
        }
        var days = details.DaysLeft(now);
        var level = CertificateStatus.LevelFor(days);
        var until = SaoPaulo.FromUtc(details.NotAfter).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var message = level switch
        {
            CertificateLevel.Expired => $"Certificado vencido em {until}.",
            CertificateLevel.Ok => $"Certificado OK ({days} dias restantes, válido até {until}).",
            _ => $"Certificado vence em {days} dia(s) ({until}).",
        };
        reading = new(now, details, days, level, message);
        status.Set(reading);
        if (level == CertificateLevel.Ok)
        {
            log.LogInformation("Certificado OK ({Days} dias restantes)", days);
            return reading;
        }
        log.LogWarning("{Message} Certificado {Subject} ({Source})", message, details.Subject, details.Source);
        var critical = level is CertificateLevel.Critical or CertificateLevel.Expired;
        var key = critical ? $"{details.Thumbprint}-{SaoPaulo.Today(clock):yyyy-MM-dd}" : $"{details.Thumbprint}-aviso";
        await alerts.RaiseAsync(CertificateAlerts.Expiring, key,
            critical ? "Certificado vence em menos de 7 dias" : "Certificado vence em menos de 30 dias",
            $"{message} Hosts: {string.Join(", ", details.HostNames)}. Renove em /admin/certificados ou confira a renovação automática.",
            email, new Dictionary<string, string> { ["severity"] = critical ? "critical" : "warning", ["daysLeft"] = days.ToString(CultureInfo.InvariantCulture) });
        return reading;
    }

    public async Task<(CertificateDetails? Details, string? Error)> ReadAsync(CancellationToken ct)
    {
        if (files.Options.CertificatePath is { } path && File.Exists(path))
        {
            try
            {
                using var certificate = files.LoadPublic();
                return (CertificateDetails.From(certificate, path), null);
            }
            catch (CryptographicException ex)
            {
                return (null, $"Arquivo do certificado ilegível ({path}): {ex.Message}");
            }
        }
        var served = await probe.ProbeAsync(ct);
        return (served.Details, served.Error);
    }
}
