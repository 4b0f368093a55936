using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Cli;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Doctor;

/// <summary>/admin/saude content of operations.md §6.2 through real HTTP, on the shared portal (jobs running).</summary>
public abstract class HealthSnapshotTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Health_page_shows_version_database_resources_jobs_disks_backup_and_recent_errors()
    {
        // An unhandled error as the log leaves it: the exception (class on the next line) and the request line.
        var logs = Path.Combine(App.DataPath, "logs");
        Directory.CreateDirectory(logs);
        var at = DateTime.UtcNow.AddMinutes(-5);
        var id = "0HSAUDE" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await File.WriteAllLinesAsync(Path.Combine(logs, $"error-{at:yyyyMMdd}_teste{id}.log"),
        [
            $"{at:yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] {id} An unhandled exception has occurred while executing the request. Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware",
            "System.NullReferenceException: Object reference not set to an instance of an object.",
            $"{at:yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] {id} HTTP POST /tarefas/9 → 500 em 18 ms (usuário 3, IP 10.1.1.1) Serilog.AspNetCore.RequestLoggingMiddleware",
        ]);

        using var admin = await Users.LoginAsync(Users.Administrator);
        var (response, page) = await admin.GetPageAsync("/admin/saude");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PortalCli.Version, page.QuerySelector("#health-version")!.TextContent.Trim());
        Assert.Equal("Development", page.QuerySelector("#health-environment")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#health-uptime")!.TextContent));
        Assert.Matches(@"^\d+$", page.QuerySelector("#health-streams")!.TextContent.Trim());
        var database = page.QuerySelector("#health-database")!.TextContent;
        Assert.Contains(App.Provider == DatabaseKind.MySql ? "MySQL/MariaDB" : "SQLite", database);
        Assert.Matches(@"\d+ ms", database);
        Assert.Equal("0", page.QuerySelector("#health-pending")!.TextContent.Trim());
        Assert.Matches(@"^\d+ pendente\(s\), \d+ com falha$", page.QuerySelector("#health-outbox")!.TextContent.Trim());
        var resources = page.QuerySelector("#health-resources")!.TextContent;
        Assert.Contains("MB", resources);
        Assert.Contains("%", resources);

        var disks = page.QuerySelectorAll("#health-checks tr[data-item='disk']");
        Assert.Equal(2, disks.Length);
        Assert.Contains(disks, d => d.TextContent.Contains("Dados", StringComparison.Ordinal));
        Assert.Contains(disks, d => d.TextContent.Contains("Backups", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("#health-checks tr[data-item='backup']"));
        Assert.Null(page.QuerySelector("#health-checks tr[data-item='certificate']")); // no Tls:CertificatePath here

        Assert.NotNull(page.QuerySelector($"#health-jobs tr[data-job='{EmailModule.RetentionJob}']"));
        Assert.NotNull(page.QuerySelector($"#health-jobs tr[data-job='{EmailModule.OutboxJob}'] form button"));

        var error = page.QuerySelector($"#health-errors tr[data-request-id='{id}']");
        Assert.NotNull(error);
        Assert.Contains("/tarefas/9", error!.TextContent);
        Assert.Contains("System.NullReferenceException", error.TextContent);
    }

    [Fact]
    public async Task Executar_agora_on_the_health_page_runs_the_job_and_is_audited()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        using var admin = await Users.LoginAsync(Users.Administrator);
        var run = await admin.PostFormAsync("/admin/saude", $"/admin/saude?handler=Run&key={EmailModule.RetentionJob}", []);
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Equal("/admin/saude", run.Headers.Location!.OriginalString);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "job_run_manual" && a.ResourceId == EmailModule.RetentionJob && a.OccurredAt >= started)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/admin/saude", "/admin/saude?handler=Run&key=nao-existe", [])).StatusCode);

        var colaborador = await Users.CreateAsync(roles: ["Colaborador"]);
        using var other = await Users.LoginAsync(colaborador);
        var token = await other.TokenFromAsync("/perfil");
        var denied = await other.Http.PostAsync($"/admin/saude?handler=Run&key={EmailModule.RetentionJob}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}

[Collection(SqliteCollection.Name)] public sealed class HealthSnapshotTestsSqlite(SqlitePortal portal) : HealthSnapshotTests(portal);
[Collection(MySqlCollection.Name)] public sealed class HealthSnapshotTestsMySql(MySqlPortal portal) : HealthSnapshotTests(portal);
