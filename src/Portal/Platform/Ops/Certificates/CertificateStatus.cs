namespace Portal.Platform.Ops.Certificates;

public enum CertificateLevel { Unknown, Ok, Warning, Critical, Expired }

/// <summary>The last reading of the certificate in use (daily job, "Verificar agora"): page and health read it.</summary>
public sealed class CertificateStatus
{
    public sealed record Reading(DateTime CheckedAt, CertificateDetails? Certificate, int? DaysLeft, CertificateLevel Level, string Message);

    private Reading? _last;

    public Reading? Last => Volatile.Read(ref _last);

    public void Set(Reading reading) => Volatile.Write(ref _last, reading);

    public static CertificateLevel LevelFor(int days) =>
        days < 0 ? CertificateLevel.Expired : days < 7 ? CertificateLevel.Critical : days < 30 ? CertificateLevel.Warning : CertificateLevel.Ok;
}
