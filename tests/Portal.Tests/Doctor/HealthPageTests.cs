using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Doctor;

/// <summary>A portal behind a (mis)configured proxy with a certificate, for the "Diagnóstico" button.</summary>
public abstract class DoctorPortal(DatabaseKind provider) : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;
    private readonly string _files = Directory.CreateTempSubdirectory("portal-docapp-").FullName;

    public async Task InitializeAsync()
    {
        var proxy = Path.Combine(_files, "portal.conf");
        await File.WriteAllTextAsync(proxy, "ProxyPass / http://127.0.0.1:5000/\n");
        // A certificate with 20 days left: "warning" in /health/ready and on the page, without deciding readiness.
        var certificate = Path.Combine(_files, "fullchain.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=portal.firma.test", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20).AddHours(1));
            await File.WriteAllTextAsync(certificate, cert.ExportCertificatePem());
        }
        App = await PortalApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Doctor:ProxyConfigPath"] = proxy,
            ["Tls:CertificatePath"] = certificate,
            ["Jobs:Enabled"] = "false",
        });
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }
}

public sealed class DoctorSqlitePortal() : DoctorPortal(DatabaseKind.Sqlite);

public sealed class DoctorMySqlPortal() : DoctorPortal(DatabaseKind.MySql);

/// <summary>/admin/saude "Diagnóstico" (operations.md §6.3) through real HTTP.</summary>
public abstract class HealthPageTests(DoctorPortal portal)
{
    [Fact]
    public async Task Health_page_needs_system_health()
    {
        var user = await portal.Users.CreateAsync(roles: ["Gestor"]);
        using var client = await portal.Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/saude")).StatusCode);
        var token = await client.TokenFromAsync("/perfil");
        var post = await client.Http.PostAsync("/admin/saude?handler=Diagnose", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task Diagnostico_lists_pt_BR_findings_with_the_fix_for_each()
    {
        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var response = await admin.PostFormAsync("/admin/saude", "/admin/saude?handler=Diagnose", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var rows = page.QuerySelectorAll("#doctor-findings tbody tr")
            .Select(r => (Level: r.GetAttribute("data-level"), Text: r.TextContent)).ToList();

        Assert.Contains(rows, r => r.Level == "Ok" && r.Text.Contains("Banco de dados", StringComparison.Ordinal) && r.Text.Contains("acessível", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Level == "Ok" && r.Text.Contains("Esquema do banco atualizado", StringComparison.Ordinal));
        var port = portal.App.BaseAddress.Port;
        Assert.Contains(rows, r => r.Level == "Failed" && r.Text.Contains($"o proxy aponta para a porta 5000, o portal escuta na {port}", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Text.Contains("Último backup", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Text.Contains("Espaço em disco", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Text.Contains("Erros recentes", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Level == "Warning" && r.Text.Contains("Certificado vence em 20 dia(s)", StringComparison.Ordinal)); // OPS-17
        Assert.All(page.QuerySelectorAll("#doctor-findings tbody tr:not([data-level='Ok']) td:last-child"), td => Assert.False(string.IsNullOrWhiteSpace(td.TextContent)));
    }

    [Fact]
    public async Task Symptom_buttons_add_their_group_and_the_page_shows_the_certificate_days()
    {
        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var (_, get) = await admin.GetPageAsync("/admin/saude");
        var certificate = get.QuerySelector("#health-checks tr[data-item='certificate']");
        Assert.Equal("warning", certificate!.GetAttribute("data-level"));
        Assert.Contains("20 dia(s) restantes", certificate.TextContent);
        Assert.Equal(3, get.QuerySelectorAll("#doctor-symptoms button[data-symptom]").Length);

        var response = await admin.PostFormAsync("/admin/saude", "/admin/saude?handler=Diagnose&sintoma=502", []);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var rows = page.QuerySelectorAll("#doctor-findings tbody tr").ToList();
        Assert.Contains(rows, r => r.GetAttribute("data-symptom") == "502" && r.GetAttribute("data-level") == "Ok"
            && r.TextContent.Contains($"http://127.0.0.1:{portal.App.BaseAddress.Port}/health/live respondeu 200.", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetAttribute("data-symptom") == "502" && r.TextContent.Contains("Latência do banco", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetAttribute("data-symptom") == "geral" && r.TextContent.Contains("o proxy aponta para a porta 5000", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.GetAttribute("data-symptom") is "site" or "500");

        var serverError = TestClient.Parse(await (await admin.PostFormAsync("/admin/saude", "/admin/saude?handler=Diagnose&sintoma=500", [])).Content.ReadAsStringAsync());
        Assert.Contains(serverError.QuerySelectorAll("#doctor-findings tbody tr[data-symptom='500']"), r => r.TextContent.Contains("Armazenamento", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Last_backup_age_turns_OK_after_a_backup()
    {
        var run = await portal.App.Services.GetRequiredService<BackupService>().RunAsync(new BackupRequest("cli", null, "Teste", "cli"));
        Assert.NotEqual(BackupRunStatus.Failed, run.Status);
        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var response = await admin.PostFormAsync("/admin/saude", "/admin/saude?handler=Diagnose", []);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(page.QuerySelectorAll("#doctor-findings tbody tr[data-level='Ok']"), r => r.TextContent.Contains("Último backup bem-sucedido", StringComparison.Ordinal));
    }
}

/// <summary>OPS-24 / operations.md §6.1: the per-check list, where only database, migrations and storage decide the code.</summary>
public abstract class ReadyDetailsTests(DoctorPortal portal)
{
    [Fact]
    public async Task Ready_lists_disk_certificate_and_backup_age_for_system_health_only()
    {
        await portal.App.WithDbAsync(async db =>
        {
            db.Set<BackupRun>().Add(new BackupRun { StartedAt = DateTime.UtcNow.AddDays(-10), EndedAt = DateTime.UtcNow.AddDays(-10), Status = BackupRunStatus.Succeeded, Trigger = "schedule" });
            db.Set<BackupRun>().Add(new BackupRun { StartedAt = DateTime.UtcNow.AddDays(-1), EndedAt = DateTime.UtcNow.AddDays(-1), Status = BackupRunStatus.Failed, Trigger = "schedule", Message = "falhou" });
            await db.SaveChangesAsync();
        });
        var newest = await portal.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(
            db.Set<BackupRun>().Where(r => r.Status == BackupRunStatus.Succeeded || r.Status == BackupRunStatus.SucceededWithWarnings), r => r.StartedAt));

        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var ready = await admin.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // warnings never turn readiness into 503
        using var json = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal(["database", "migrations", "storage", "diskSpace", "certificate", "lastBackup"], checks.EnumerateObject().Select(p => p.Name));
        Assert.All(checks.EnumerateObject(), p => Assert.Contains(p.Value.GetString(), new[] { "ok", "warning", "failed" }));
        Assert.Equal("ok", checks.GetProperty("database").GetString());
        Assert.Equal("warning", checks.GetProperty("certificate").GetString());
        var details = json.RootElement.GetProperty("details");
        Assert.Equal(20, details.GetProperty("certificateDaysLeft").GetInt32());
        var age = (int)Math.Floor((DateTime.UtcNow - newest).TotalDays);
        Assert.Equal(age, details.GetProperty("lastBackupAgeDays").GetInt32());
        Assert.Equal(age > 8 ? "warning" : "ok", checks.GetProperty("lastBackup").GetString());

        var body = await ready.Content.ReadAsStringAsync();
        Assert.DoesNotContain(portal.App.DataPath, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.MachineName, body, StringComparison.OrdinalIgnoreCase);

        var gestor = await portal.Users.CreateAsync(roles: ["Gestor"]);
        using var other = await portal.Users.LoginAsync(gestor);
        Assert.Equal("{\"status\":\"ok\"}", await (await other.GetAsync("/health/ready")).Content.ReadAsStringAsync());
        using var anonymous = portal.App.NewClient("127.0.0.1");
        Assert.Equal("{\"status\":\"ok\"}", await (await anonymous.GetAsync("/health/ready")).Content.ReadAsStringAsync());
    }
}

[CollectionDefinition("doctor-sqlite")] public sealed class DoctorSqliteCollection : ICollectionFixture<DoctorSqlitePortal>;
[CollectionDefinition("doctor-mysql")] public sealed class DoctorMySqlCollection : ICollectionFixture<DoctorMySqlPortal>;

[Collection("doctor-sqlite")] public sealed class HealthPageTestsSqlite(DoctorSqlitePortal portal) : HealthPageTests(portal);
[Collection("doctor-mysql")] public sealed class HealthPageTestsMySql(DoctorMySqlPortal portal) : HealthPageTests(portal);

[Collection("doctor-sqlite")] public sealed class ReadyDetailsTestsSqlite(DoctorSqlitePortal portal) : ReadyDetailsTests(portal);
[Collection("doctor-mysql")] public sealed class ReadyDetailsTestsMySql(DoctorMySqlPortal portal) : ReadyDetailsTests(portal);
