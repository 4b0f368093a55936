using Microsoft.Extensions.Logging.EventLog;

namespace Portal.Platform.Hosting;

/// <summary>
/// Running under the OS service manager (operations.md §4): Windows service `PortalContabil` or a systemd unit with
/// Type=notify. Both calls are no-ops when the process is started otherwise (console, tests).
/// </summary>
public static class ServiceHosting
{
    /// <summary>Same name as in deploy/windows/install-service.ps1 (service and Event Log source).</summary>
    public const string WindowsServiceName = "PortalContabil";

    /// <summary>Same name as deploy/linux/portal-contabil.service.</summary>
    public const string SystemdUnitName = "portal-contabil.service";

    public static WebApplicationBuilder AddPortalServiceHosting(this WebApplicationBuilder builder)
    {
        builder.Host.UseWindowsService(o => o.ServiceName = WindowsServiceName).UseSystemd();
        // UseWindowsService would name the Event Log source after the assembly ("Portal"), which the install script
        // did not register; only errors go there, the log files keep the rest.
        if (OperatingSystem.IsWindows()) ConfigureEventLog(builder.Services);
        builder.Services.AddSingleton<IHostPlatform>(SystemHostPlatform.Instance);
        builder.Services.AddSingleton<ICommandRunner, ProcessCommandRunner>();
        builder.Services.AddSingleton<IServiceManager>(sp => ServiceManagers.For(sp.GetRequiredService<IHostPlatform>(), sp.GetRequiredService<ICommandRunner>()));
        builder.Services.AddSingleton<IFirewall>(sp => Firewalls.For(sp.GetRequiredService<IHostPlatform>(), sp.GetRequiredService<ICommandRunner>()));
        builder.Services.AddSingleton<IHostNetwork, HostNetwork>();
        return builder;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void ConfigureEventLog(IServiceCollection services)
    {
        services.Configure<EventLogSettings>(s =>
        {
            s.SourceName = WindowsServiceName;
            s.LogName = "Application";
        });
        services.Configure<LoggerFilterOptions>(o =>
            o.Rules.Add(new LoggerFilterRule(typeof(EventLogLoggerProvider).FullName, null, LogLevel.Error, null)));
    }
}
