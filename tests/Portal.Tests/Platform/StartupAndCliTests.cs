using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>operations.md §3–4 as an operator sees it: the real executable, its exit codes and messages.</summary>
public sealed class StartupAndCliTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("portal-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Pending_migrations_with_migrate_on_startup_false_refuse_to_start()
    {
        var result = await PortalProcess.RunAsync(_dataPath, ["--Database:MigrateOnStartup=false"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Existem migrações pendentes. Execute `portal migrate`.", result.Output);
    }

    [Fact]
    public async Task Migrate_then_create_admin_from_the_console_then_that_admin_logs_in()
    {
        var migrate = await PortalProcess.RunAsync(_dataPath, ["migrate"]);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("Migrações aplicadas", migrate.Output);

        var weak = await PortalProcess.RunAsync(_dataPath, ["create-admin", "--email", "ana@teste.local", "--name", "Ana Console", "--password", "curta"]);
        Assert.NotEqual(0, weak.ExitCode);
        Assert.Contains("A senha deve ter pelo menos 12 caracteres.", weak.Output);

        const string password = "senha criada pelo console 2026";
        var ok = await PortalProcess.RunAsync(_dataPath, ["create-admin", "--email", "ana@teste.local", "--name", "Ana Console", "--password", password]);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("Administrador criado: ana@teste.local", ok.Output);

        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Portal:DataPath"] = _dataPath });
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync("ana@teste.local", password)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user_created" && a.Channel == "cli")));
    }

    [Fact]
    public async Task Production_with_a_key_ring_but_no_key_protection_certificate_exits_with_the_restore_message()
    {
        await using (var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Portal:DataPath"] = _dataPath }))
        {
            using var client = app.NewClient();
            await client.GetAsync("/login"); // antiforgery creates the key ring in the database
            Assert.True(await app.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
        }
        File.Delete(Path.Combine(_dataPath, "keys", "keyprotection.pfx"));

        var result = await PortalProcess.RunAsync(_dataPath, ["--Portal:PublicUrl=https://portal.teste"], environment: "Production");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Chave de criptografia ausente", result.Output);
    }

    [Fact]
    public async Task Production_without_public_url_exits_non_zero()
    {
        var result = await PortalProcess.RunAsync(_dataPath, [], environment: "Production");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Portal:PublicUrl é obrigatório", result.Output);
    }

    [Fact]
    public async Task Database_down_at_start_up_is_retried_then_exits_non_zero()
    {
        var result = await PortalProcess.RunAsync(_dataPath,
        [
            "--Database:Provider=MySql", "--Database:ConnectionString=Server=127.0.0.1;Port=1;User ID=x;Password=y;Database=portal;Connect Timeout=1",
            "--Database:ConnectRetries=3", "--Database:ConnectRetryDelaySeconds=0.1",
        ]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Banco de dados indisponível (tentativa 1/3)", result.Output);
        Assert.Contains("Não foi possível conectar ao banco de dados após 3 tentativas.", result.Output);
    }

    [Fact]
    public async Task Version_command_prints_the_version()
    {
        var result = await PortalProcess.RunAsync(_dataPath, ["version"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Portal \d+\.\d+\.\d+", result.Output);
    }
}
