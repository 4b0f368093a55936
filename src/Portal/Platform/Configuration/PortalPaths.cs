namespace Portal.Platform.Configuration;

/// <summary>Resolved start-up settings of operations.md §2 that many parts need.</summary>
public sealed class PortalPaths
{
    public required string DataPath { get; init; }
    public string FilesPath => Path.Combine(DataPath, "files");
    public string LogsPath => Path.Combine(DataPath, "logs");
    public string KeysPath => Path.Combine(DataPath, "keys");
    public string SetupCodeFile => Path.Combine(DataPath, "setup-code.txt");
    public string DemoCredentialsFile => Path.Combine(DataPath, "demo-credentials.txt");

    public static string ResolveDataPath(IConfiguration configuration, string contentRoot, bool isDevelopment, Hosting.IHostPlatform? platform = null)
    {
        platform ??= Hosting.SystemHostPlatform.Instance;
        var configured = configuration["Portal:DataPath"];
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, contentRoot);
        if (isDevelopment) return Path.Combine(contentRoot, "data");
        // Joined by hand: the Windows default is unit-tested on Linux, where Path.Combine would use '/'.
        return platform.IsWindows
            ? platform.CommonApplicationData.TrimEnd('\\', '/') + "\\PortalContabil"
            : "/var/lib/portal-contabil";
    }
}

public enum TlsMode { Proxy, Kestrel, None }

public static class PortalConfiguration
{
    /// <summary>
    /// Layering of operations.md §2: appsettings → appsettings.{env} → &lt;DataPath&gt;/portal.settings.json →
    /// PORTAL__ environment variables → command line.
    /// </summary>
    public static PortalPaths AddPortalConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var dataPath = PortalPaths.ResolveDataPath(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());
        builder.Configuration
            .AddJsonFile(Path.Combine(dataPath, "portal.settings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("PORTAL__")
            .AddCommandLine(args);
        // A data path given in portal.settings.json itself is ignored: the file lives in the data path.
        var paths = new PortalPaths { DataPath = PortalPaths.ResolveDataPath(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment()) };
        builder.Services.AddSingleton(paths);
        return paths;
    }

    public static TlsMode GetTlsMode(this IConfiguration configuration, IHostEnvironment environment) =>
        Enum.TryParse<TlsMode>(configuration["Tls:Mode"], ignoreCase: true, out var mode)
            ? mode
            : environment.IsDevelopment() ? TlsMode.None : TlsMode.Proxy;
}
