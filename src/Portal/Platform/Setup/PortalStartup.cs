using Microsoft.EntityFrameworkCore;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Security;

namespace Portal.Platform.Setup;

/// <summary>Start-up steps 2–6 of operations.md §3 (the seed's start-up flowchart §3), in order.</summary>
public static class PortalStartup
{
    public static async Task PrepareAsync(WebApplication app, bool demo)
    {
        var config = app.Configuration;
        var paths = app.Services.GetRequiredService<PortalPaths>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Startup");
        ValidateConfiguration(app, paths, log);

        // Connect before resolving the context: configuring MySQL options already needs the server.
        var provider = app.Services.GetRequiredService<DatabaseProvider>();
        await ConnectWithRetriesAsync(provider, config, log);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            if (!config.GetValue("Database:MigrateOnStartup", true))
                throw new StartupException("Existem migrações pendentes. Execute `portal migrate`.");
            await MigrateWithBackupAsync(app.Services, config, db, pending, log);
        }

        var keys = app.Services.GetRequiredService<KeyProtection>();
        if (keys.CertificateCreated && await db.DataProtectionKeys.AnyAsync())
            throw new StartupException($"Chave de criptografia ausente: restaure {keys.CertificatePath} do backup.");

        // Creates (or checks) the API signing key now, so a bad key file stops the start, not the first API call.
        app.Services.GetRequiredService<Api.TokenService>();

        await ReferenceData.EnsureAsync(db);
        await Ops.Backup.RestoreAudit.RecordPendingAsync(app.Services, log);
        if (demo) await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(printCredentials: false);
        await app.Services.GetRequiredService<SetupState>().RefreshAsync(db);
        DemoData.PrintCredentialsIfPresent(paths, log);
    }

    public static Task MigrateAsync(PortalDb db) => db.Database.MigrateAsync();

    /// <summary>Step 4: the pre-migration backup (when enabled and the database has data), then the migrations.</summary>
    public static async Task MigrateWithBackupAsync(IServiceProvider services, IConfiguration config, PortalDb db, IReadOnlyList<string> pending, ILogger log)
    {
        var backup = await Ops.Backup.PreMigrationBackup.TakeAsync(services, config, db, log);
        log.LogInformation("Aplicando {Count} migração(ões): {Migrations}", pending.Count, string.Join(", ", pending));
        await MigrateAsync(db);
        // Only now do the run history, audit and notification tables exist in the shape the code writes.
        if (backup is not null) await services.GetRequiredService<Ops.Backup.BackupService>().RecordAsync(backup, Ops.Backup.PreMigrationBackup.Request);
    }

    private static void ValidateConfiguration(WebApplication app, PortalPaths paths, ILogger log)
    {
        var env = app.Environment;
        if (env.IsProduction() && string.IsNullOrWhiteSpace(app.Configuration["Portal:PublicUrl"]))
            throw new StartupException("Portal:PublicUrl é obrigatório em produção (ex.: https://portal.firma.com.br).");
        var webRoot = env.WebRootPath is { Length: > 0 } w ? Path.GetFullPath(w) + Path.DirectorySeparatorChar : null;
        if (webRoot is not null && (Path.GetFullPath(paths.DataPath) + Path.DirectorySeparatorChar).StartsWith(webRoot, StringComparison.OrdinalIgnoreCase))
            throw new StartupException($"A pasta de dados ({paths.DataPath}) não pode ficar dentro da pasta pública ({webRoot}).");
        try
        {
            Directory.CreateDirectory(paths.DataPath);
            Directory.CreateDirectory(paths.FilesPath);
            var probe = Path.Combine(paths.DataPath, ".write-test");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"A pasta de dados {paths.DataPath} não permite escrita.", ex);
        }
        Jobs.JobsModule.Validate(app.Configuration, app.Services.GetRequiredService<DatabaseProvider>().Kind);
        if (env.IsProduction() && app.Services.GetRequiredService<DatabaseProvider>().Kind == DatabaseKind.Sqlite)
            log.LogWarning("SQLite em produção: adequado a uma instância; para várias, use MySQL/MariaDB.");
    }

    /// <summary>The database service may still be starting: try 10 times, 3 s apart, then give up (OPS-03).</summary>
    private static async Task ConnectWithRetriesAsync(DatabaseProvider provider, IConfiguration config, ILogger log)
    {
        if (provider.Kind == DatabaseKind.Sqlite) return; // the file is created by the first migration
        var attempts = config.GetValue("Database:ConnectRetries", 10);
        var delay = TimeSpan.FromSeconds(config.GetValue("Database:ConnectRetryDelaySeconds", 3.0));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Detecting the version reaches the server without needing the database, which Migrate may create.
                provider.DetectServerVersion();
                return;
            }
            catch (Exception ex) when (attempt < attempts)
            {
                log.LogWarning("Banco de dados indisponível (tentativa {Attempt}/{Attempts}): {Error}", attempt, attempts, ex.GetType().Name);
                await Task.Delay(delay);
            }
            catch (Exception ex)
            {
                throw new StartupException($"Não foi possível conectar ao banco de dados após {attempts} tentativas.", ex);
            }
        }
    }
}
