using System.Security.Claims;
using Portal.Platform.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Portal.Platform.Logging;

/// <summary>Serilog: console plus daily files app.log / app-*.jsonl / error.log under &lt;DataPath&gt;/logs (operations.md §7.1).</summary>
public static class PortalLogging
{
    private const string TextTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} [{Level:u3}] {RequestId} {Message:lj} {SourceContext}{NewLine}{Exception}";

    public static void AddPortalLogging(this WebApplicationBuilder builder, PortalPaths paths)
    {
        var retention = builder.Configuration.GetValue("Logging:RetentionDays", 60);
        var errorRetention = builder.Configuration.GetValue("Logging:ErrorRetentionDays", 90);
        var logs = paths.LogsPath;
        builder.Services.AddSerilog((services, config) => config
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // Quartz narrates every start-up step and cluster check-in at Information; job results live in JobRuns.
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            // EF logs commands slower than this at Warning with the SQL text (parameter values are never logged).
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(logs, "app-.log"), outputTemplate: TextTemplate, rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: retention, formatProvider: System.Globalization.CultureInfo.InvariantCulture, shared: true)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logs, "app-.jsonl"), rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: retention, shared: true)
            .WriteTo.File(Path.Combine(logs, "error-.log"), restrictedToMinimumLevel: LogEventLevel.Error, outputTemplate: TextTemplate,
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: errorRetention,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture, shared: true),
            // Each app instance keeps its own logger (tests run several in one process); nothing uses the static one.
            preserveStaticLogger: true);
        CachingLoggerFactory.Decorate(builder.Services);
    }

    /// <summary>One summary line per request with user and client IP; 5xx as errors, 429 as warnings.</summary>
    public static void UsePortalRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} → {StatusCode} em {Elapsed:0} ms (usuário {UserId}, IP {ClientIp})";
            // Without it the middleware writes to the static Log.Logger, which preserveStaticLogger leaves silent.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = (http, elapsed, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Response.StatusCode == 429 || elapsed >= RequestIdMiddleware.SlowThreshold.TotalMilliseconds ? LogEventLevel.Warning
                : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diag, http) =>
            {
                diag.Set("UserId", http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
                diag.Set("ClientIp", http.Connection.RemoteIpAddress?.ToString() ?? "-");
            };
        });
}
