using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Backup;

/// <summary>
/// Database:BackupBeforeMigrate (operations.md §2, §3 step 4): a database left at an older migration (before the
/// e-mail correlation columns and the backup history existed) is backed up with its own schema before the portal
/// migrates it; when that backup cannot be written nothing is migrated and the start fails with a pt-BR message.
/// </summary>
public abstract class PreMigrationBackupTests(DatabaseKind provider) : IAsyncLifetime
{
    private const string OldMigration = "Clients";
    private readonly string _root = Directory.CreateTempSubdirectory("portal-premig-").FullName;
    private string DataPath => Path.Combine(_root, "data");
    private DatabaseProvider _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataPath);
        _database = provider == DatabaseKind.Sqlite
            ? new DatabaseProvider(DatabaseKind.Sqlite, $"Data Source={Path.Combine(DataPath, "portal.db")}")
            : await BackupPortal.FreshMySqlAsync();
        await using var db = BackupRestore.CreateContext(_database);
        var id = db.Database.GetMigrations().Single(m => DatabaseDump.MigrationName(m) == OldMigration);
        await db.GetService<IMigrator>().MigrateAsync(id);
        // A row in the old shape of OutboxEmails (no CorrelationId/CorrelationType yet).
        await db.Database.ExecuteSqlRawAsync(
            provider == DatabaseKind.Sqlite
                ? "INSERT INTO \"OutboxEmails\" (\"ToAddress\", \"Subject\", \"BodyText\", \"Kind\", \"Status\", \"Attempts\", \"CreatedAt\") VALUES ({0}, {1}, {2}, {3}, 0, 0, {4})"
                : "INSERT INTO `OutboxEmails` (`ToAddress`, `Subject`, `BodyText`, `Kind`, `Status`, `Attempts`, `CreatedAt`) VALUES ({0}, {1}, {2}, {3}, 0, 0, {4})",
            "antigo@firma.com.br", "Mensagem anterior à atualização", "corpo", "teste", new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));
        ClearPools();
    }

    public async Task DisposeAsync()
    {
        ClearPools();
        if (provider == DatabaseKind.MySql) await BackupPortal.DropMySqlAsync(_database);
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    private static void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        MySqlConnection.ClearAllPools();
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Portal:DataPath"] = DataPath, ["Jobs:Enabled"] = "false" };
        if (provider == DatabaseKind.MySql) settings["Database:ConnectionString"] = _database.ConnectionString;
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return settings;
    }

    private async Task<List<string>> AppliedAsync()
    {
        await using var db = BackupRestore.CreateContext(_database);
        var applied = (await db.Database.GetAppliedMigrationsAsync()).Select(DatabaseDump.MigrationName).ToList();
        ClearPools();
        return applied;
    }

    [Fact]
    public async Task Start_backs_up_the_old_schema_with_its_rows_then_migrates_and_the_backup_restores()
    {
        await using (var app = await PortalApp.StartAsync(provider, Settings()))
        {
            var run = await app.WithDbAsync(db => db.Set<BackupRun>().SingleAsync());
            Assert.Equal(BackupRequest.PreMigrationTrigger, run.Trigger);
            Assert.Equal(BackupRunStatus.Succeeded, run.Status);
            Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "backup_run" && a.ResourceLabel == run.FileName)));
            Assert.Empty(await app.WithDbAsync(async db => await db.Database.GetPendingMigrationsAsync()));
            Assert.True(await app.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.ToAddress == "antigo@firma.com.br")));
        }
        ClearPools();

        var zip = Assert.Single(Directory.GetFiles(Path.Combine(DataPath, "backups"), "portal-backup-*.zip"));
        var extracted = Path.Combine(_root, "extracted");
        BackupArchive.Verify(zip, null, extracted, CancellationToken.None);
        var dump = Path.Combine(extracted, "database");
        var schema = DatabaseDump.ReadSchema(dump);
        Assert.Equal(OldMigration, schema.SchemaVersion);
        Assert.DoesNotContain(schema.Tables, t => t.Name == "BackupRuns");
        var outbox = schema.Tables.Single(t => t.Name == "OutboxEmails");
        Assert.DoesNotContain("CorrelationId", outbox.Columns);
        Assert.Equal(1, outbox.Rows);
        Assert.Contains("antigo@firma.com.br", await File.ReadAllTextAsync(Path.Combine(dump, DatabaseDump.TablesFolder, "OutboxEmails.jsonl")));

        // An older-schema backup is not refused: restored at its own migration, then brought up to date.
        var restore = new BackupRestore(new Portal.Platform.Configuration.PortalPaths { DataPath = Path.Combine(_root, "restored") });
        var report = await restore.VerifyAsync(zip, null);
        Assert.Equal(1, report.RowCounts["OutboxEmails"]);
        var target = new DatabaseProvider(DatabaseKind.Sqlite, $"Data Source={Path.Combine(_root, "restored", "portal.db")}");
        await restore.RestoreAsync(zip, null, [BackupParts.Database], target, overwrite: false);
        await using var restored = BackupRestore.CreateContext(target);
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
        Assert.Equal("Mensagem anterior à atualização", (await restored.OutboxEmails.SingleAsync()).Subject);
    }

    [Fact]
    public async Task Portal_migrate_takes_the_same_backup_first()
    {
        var args = Settings().Where(s => s.Key != "Portal:DataPath").Select(s => $"--{s.Key}={s.Value}").Prepend("migrate").ToList();
        if (provider == DatabaseKind.MySql) args.Add("--Database:Provider=MySql");

        var result = await PortalProcess.RunAsync(DataPath, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Migrações aplicadas", result.Output);
        Assert.NotEqual(OldMigration, (await AppliedAsync())[^1]);
        var zip = Assert.Single(Directory.GetFiles(Path.Combine(DataPath, "backups"), "portal-backup-*.zip"));
        await using var db = BackupRestore.CreateContext(_database);
        var run = await db.Set<BackupRun>().SingleAsync();
        ClearPools();
        Assert.Equal(BackupRequest.PreMigrationTrigger, run.Trigger);
        Assert.Equal(Path.GetFileName(zip), run.FileName);
    }

    [Fact]
    public async Task Unwritable_backup_folder_stops_the_start_without_migrating()
    {
        var blocker = Path.Combine(_root, "arquivo-no-caminho");
        await File.WriteAllTextAsync(blocker, "não é uma pasta");
        var args = Settings(new() { ["Backup:Path"] = Path.Combine(blocker, "backups") })
            .Where(s => s.Key != "Portal:DataPath") // PortalProcess passes the data path itself
            .Select(s => $"--{s.Key}={s.Value}").ToList();
        if (provider == DatabaseKind.MySql) args.Add("--Database:Provider=MySql");

        var result = await PortalProcess.RunAsync(DataPath, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("O backup antes das migrações falhou: Pasta de backup sem permissão de escrita.", result.Output);
        Assert.Contains("Nenhuma migração foi aplicada.", result.Output);
        Assert.Equal(OldMigration, (await AppliedAsync())[^1]);

        // With the option off, the operator's explicit choice, the same start migrates without a backup.
        var off = await PortalApp.StartAsync(provider, Settings(new() { ["Backup:Path"] = Path.Combine(blocker, "backups"), ["Database:BackupBeforeMigrate"] = "false" }));
        await off.DisposeAsync();
        ClearPools();
        Assert.NotEqual(OldMigration, (await AppliedAsync())[^1]);
    }
}

public sealed class PreMigrationBackupTestsSqlite() : PreMigrationBackupTests(DatabaseKind.Sqlite);

public sealed class PreMigrationBackupTestsMySql() : PreMigrationBackupTests(DatabaseKind.MySql);
