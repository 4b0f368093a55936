using Portal.Platform.Configuration;
using Portal.Platform.Ops.Backup;
using Portal.Platform.Ops.Certificates;
using Portal.Platform.Ops.Doctor;

namespace Portal.Platform.Ops;

/// <summary>Operations built into the portal (operations.md §6.3, §8): backup/restore, the doctor, TLS and certificates.</summary>
public static class OperationsModule
{
    public static void AddOperations(this WebApplicationBuilder builder, PortalPaths paths)
    {
        builder.AddPortalBackup(paths);
        builder.Services.AddPortalDoctor();
        builder.Services.AddSingleton<Health.OperationalChecks>();
        builder.Services.AddScoped<Health.HealthReport>();
        builder.Services.AddSingleton<Health.IntegrationActivity>();
        builder.Services.AddSingleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter, Health.IntegrationActivityFilter>();
        builder.AddPortalCertificates(paths);
    }

    /// <summary>Right after UseForwardedHeaders: records how each request arrived, for the doctor's proxy check.</summary>
    public static void UseProxyObservations(this WebApplication app)
    {
        var observations = app.Services.GetRequiredService<ProxyObservations>();
        app.Use((context, next) =>
        {
            observations.Observe(context.Request);
            return next(context);
        });
    }

    public static void MapOperations(this WebApplication app)
    {
        app.MapPortalBackup();
        app.MapPortalCertificates();
    }
}
