using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Certificates;

/// <summary>TLS and certificates wiring (operations.md §5): Kestrel HTTPS, monitoring, renewal, the daily job.</summary>
public static class CertificatesModule
{
    public static void AddPortalCertificates(this WebApplicationBuilder builder, PortalPaths paths)
    {
        var options = TlsOptions.FromConfiguration(builder.Configuration, builder.Environment, paths);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton<CertificateFiles>();
        s.AddSingleton<CertificateReloader>();
        s.AddSingleton<AcmeChallenges>();
        builder.AddKestrelTls(options);
    }

    public static void MapPortalCertificates(this WebApplication app)
    {
        app.MapAcmeChallenges();
    }
}
