using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Configuration;
using Portal.Platform.Data;

namespace Portal.Platform.Health;

/// <summary>/health/live and /health/ready (operations.md §6.1): anonymous, but only from allowed networks.</summary>
public static class HealthEndpoints
{
    public static void MapPortalHealth(this WebApplication app)
    {
        var allowed = ParseNetworks(app.Configuration["Health:AllowedNetworks"]);
        var group = app.MapGroup("/health").AllowAnonymous()
            .AddEndpointFilter(async (ctx, next) =>
            {
                var ip = ctx.HttpContext.Connection.RemoteIpAddress;
                if (ip is null || !allowed.Any(n => n.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip))) return Results.NotFound();
                return await next(ctx);
            });
        group.MapGet("/live", () => Results.Json(new { status = "ok" }));
        group.MapGet("/ready", ReadyAsync);
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, PortalDb db, PortalPaths paths, CurrentUser user, OperationalChecks operational, TimeProvider clock)
    {
        var database = await CheckAsync(async ct => await db.Database.CanConnectAsync(ct));
        var migrations = database == CheckLevel.Ok
            ? await CheckAsync(async ct => !(await db.Database.GetPendingMigrationsAsync(ct)).Any())
            : CheckLevel.Failed;
        var storage = await CheckAsync(async ct =>
        {
            var probe = Path.Combine(paths.FilesPath, ".health");
            await File.WriteAllTextAsync(probe, "ok", ct);
            File.Delete(probe);
            return true;
        });
        // Only these three decide the status code (operations.md §6.1); the rest is information for operators.
        var healthy = database == CheckLevel.Ok && migrations == CheckLevel.Ok && storage == CheckLevel.Ok;
        var status = healthy ? "ok" : "unavailable";
        var code = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (!await user.HasAsync(Permissions.SystemHealth)) return Results.Json(new { status }, statusCode: code);

        var checks = new Dictionary<string, string>
        {
            ["database"] = database,
            ["migrations"] = migrations,
            ["storage"] = storage,
            ["diskSpace"] = operational.DiskLevel(operational.Volumes()),
        };
        var details = new Dictionary<string, int?>();
        if (await operational.CertificateAsync(http.RequestAborted) is { } certificate)
        {
            checks["certificate"] = certificate.Level;
            details["certificateDaysLeft"] = certificate.Days;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var lastBackup = database == CheckLevel.Ok ? await operational.LastBackupAsync(db, timeout.Token) : null;
        checks["lastBackup"] = operational.BackupLevel(lastBackup);
        details["lastBackupAgeDays"] = lastBackup is { } last ? (int)Math.Floor((clock.GetUtcNow().UtcDateTime - last).TotalDays) : null;
        return Results.Json(new { status, checks, details }, statusCode: code);
    }

    private static async Task<string> CheckAsync(Func<CancellationToken, Task<bool>> check)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { return await check(timeout.Token) ? CheckLevel.Ok : CheckLevel.Failed; }
        catch (Exception) { return CheckLevel.Failed; } // never leak exception text (OPS-05)
    }

    /// <summary>Default: loopback and private ranges.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> ParseNetworks(string? configured)
    {
        var list = string.IsNullOrWhiteSpace(configured)
            ? "127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7"
            : configured;
        return list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Contains('/', StringComparison.Ordinal)
                ? System.Net.IPNetwork.Parse(n)
                : new System.Net.IPNetwork(IPAddress.Parse(n), IPAddress.Parse(n).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            .ToList();
    }
}
