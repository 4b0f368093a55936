namespace Portal.Platform.Ops.Doctor;

public static class DoctorModule
{
    public static IServiceCollection AddPortalDoctor(this IServiceCollection services)
    {
        services.AddSingleton<ProxyObservations>();
        services.AddScoped<IDoctorCheck, ConfigurationCheck>();
        services.AddScoped<IDoctorCheck, DatabaseCheck>();
        services.AddScoped<IDoctorCheck, ListeningCheck>();
        services.AddScoped<IDoctorCheck, ProxyCheck>();
        services.AddScoped<IDoctorCheck, CertificateCheck>();
        services.AddScoped<IDoctorCheck, DiskCheck>();
        services.AddScoped<IDoctorCheck, BackupAgeCheck>();
        services.AddScoped<IDoctorCheck, RecentErrorsCheck>();
        services.AddScoped<IDoctorCheck, ServiceRunningCheck>();
        services.AddScoped<IDoctorCheck, PublicAddressCheck>();
        services.AddScoped<IDoctorCheck, GatewayCheck>();
        services.AddScoped<IDoctorCheck, ServerErrorCheck>();
        services.AddSingleton<Health.ErrorLog>();
        services.AddScoped<PortalDoctor>();
        return services;
    }
}
