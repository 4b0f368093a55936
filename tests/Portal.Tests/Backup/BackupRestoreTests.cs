using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;

namespace Portal.Tests.Backup;

/// <summary>
/// Restore round trips (operations.md §8.2, OPS-11/OPS-23): a backup of the populated portal restored into fresh
/// databases of each target provider; every table's rows are compared value by value through the portable dump.
/// </summary>
public abstract partial class BackupRestoreTests(BackupPortal portal, params DatabaseKind[] targets) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-rs-").FullName;

    private BackupRestore Restore => portal.App.Services.GetRequiredService<BackupRestore>();

    private async Task<string> BackupAsync()
    {
        var folder = Path.Combine(_root, "backups");
        var run = await portal.Service(BackupPortal.Options(folder)).RunAsync(new BackupRequest("cli", null, "Teste", "cli"));
        Assert.Equal(BackupRunStatus.Succeeded, run.Status);
        return Path.Combine(folder, run.FileName!);
    }

    [Fact]
    public async Task Backup_restores_into_fresh_databases_with_identical_rows_in_every_table()
    {
        var zip = await BackupAsync();
        var source = Path.Combine(_root, "source");
        BackupArchive.Verify(zip, null, source, CancellationToken.None);
        var expected = ReadDump(Path.Combine(source, "database"));
        Assert.True(expected["Users"].Count > 1, "o portal de origem deveria ter usuários");

        foreach (var kind in targets)
        {
            var target = kind == DatabaseKind.Sqlite
                ? new DatabaseProvider(DatabaseKind.Sqlite, $"Data Source={Path.Combine(_root, "fresh.db")}")
                : await BackupPortal.FreshMySqlAsync();
            try
            {
                var summary = await Restore.RestoreAsync(zip, null, [BackupParts.Database], target, overwrite: false);
                Assert.Contains(summary, l => l.StartsWith("Banco de dados", StringComparison.Ordinal));
                var actual = await DumpAsync(target, Path.Combine(_root, "check-" + kind));
                Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
                foreach (var (table, rows) in expected)
                    Assert.True(rows.SequenceEqual(actual[table]), $"{kind}: a tabela {table} difere ({rows.Count} × {actual[table].Count} linhas)");

                // A second restore into the now populated database is refused without --overwrite.
                var refused = await Assert.ThrowsAsync<BackupException>(() => Restore.RestoreAsync(zip, null, [BackupParts.Database], target, overwrite: false));
                Assert.Contains("não está vazio", refused.Message);
            }
            finally
            {
                if (kind == DatabaseKind.MySql) await BackupPortal.DropMySqlAsync(target);
            }
        }
    }

    [Fact]
    public async Task A_restore_is_audited_when_the_portal_next_starts()
    {
        var zip = await BackupAsync();
        var installation = Path.Combine(_root, "next-start");
        var target = new DatabaseProvider(DatabaseKind.Sqlite, $"Data Source={Path.Combine(installation, "portal.db")}");
        await Restore.RestoreAsync(zip, null, [BackupParts.Database], target, overwrite: false);
        var note = Path.Combine(portal.App.DataPath, RestoreAudit.FileName);
        Assert.True(File.Exists(note), "a restauração deveria deixar o registro para o próximo início");

        // The restored installation: its database, the note and the key files (what `--parts keys` brings back).
        File.Move(note, Path.Combine(installation, RestoreAudit.FileName));
        BackupService.CopyFolder(Path.Combine(portal.App.DataPath, "keys"), Path.Combine(installation, "keys"));
        await using var next = await Infrastructure.PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Portal:DataPath"] = installation });
        var entry = await next.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "restore").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("cli", entry.Channel);
        Assert.Equal(Path.GetFileName(zip), entry.ResourceLabel);
        Assert.Contains("db", entry.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(installation, RestoreAudit.FileName)));
    }

    [Fact]
    public async Task Backup_from_a_newer_schema_is_refused()
    {
        var zip = await BackupAsync();
        var folder = Path.Combine(_root, "newer");
        BackupArchive.Verify(zip, null, folder, CancellationToken.None);
        var schemaFile = Path.Combine(folder, "database", DatabaseDump.SchemaFile);
        var schema = DatabaseDump.ReadSchema(Path.Combine(folder, "database"));
        await File.WriteAllTextAsync(schemaFile, System.Text.Json.JsonSerializer.Serialize(schema with { Migrations = [.. schema.Migrations, "RecursoDoFuturo"] }));
        var target = new DatabaseProvider(DatabaseKind.Sqlite, $"Data Source={Path.Combine(_root, "newer.db")}");
        var refused = await Assert.ThrowsAsync<BackupException>(() => BackupRestore.RestoreDatabaseAsync(Path.Combine(folder, "database"), target, false, CancellationToken.None));
        Assert.Contains("versão mais nova", refused.Message);
        Assert.Contains("RecursoDoFuturo", refused.Message);
    }

    [Fact]
    public async Task Files_part_comes_back_into_the_storage_folder()
    {
        var zip = await BackupAsync();
        var paths = portal.App.Services.GetRequiredService<Portal.Platform.Configuration.PortalPaths>();
        var file = Path.Combine(paths.FilesPath, "2026", "11", "contrato.txt");
        File.Delete(file);
        var summary = await Restore.RestoreAsync(zip, null, [BackupParts.Files], portal.App.Services.GetRequiredService<DatabaseProvider>(), overwrite: false);
        Assert.Contains(summary, l => l.StartsWith("Arquivos", StringComparison.Ordinal));
        Assert.Equal("conteúdo do contrato", await File.ReadAllTextAsync(file));
        var unknown = await Assert.ThrowsAsync<BackupException>(() => Restore.RestoreAsync(zip, null, ["tudo"], portal.App.Services.GetRequiredService<DatabaseProvider>(), false));
        Assert.Contains("Parte desconhecida", unknown.Message);
    }

    /// <summary>Each table's rows as sorted JSON lines; MariaDB keeps microseconds, so the 7th digit is dropped.</summary>
    private static Dictionary<string, List<string>> ReadDump(string folder) =>
        DatabaseDump.ReadSchema(folder).Tables.ToDictionary(t => t.Name, t =>
            File.ReadAllLines(Path.Combine(folder, DatabaseDump.TablesFolder, t.Name + ".jsonl"))
                .Select(l => Ticks().Replace(l, "$1")).Order(StringComparer.Ordinal).ToList());

    private async Task<Dictionary<string, List<string>>> DumpAsync(DatabaseProvider target, string folder)
    {
        await using var db = BackupRestore.CreateContext(target);
        var model = portal.App.Services.CreateScope().ServiceProvider.GetRequiredService<PortalDb>().Model;
        await db.Database.OpenConnectionAsync();
        await DatabaseDump.ExportAsync(db.Database.GetDbConnection(), target.Kind, model, folder, CancellationToken.None);
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        MySqlConnection.ClearAllPools();
        return ReadDump(folder);
    }

    [GeneratedRegex(@"(T\d\d:\d\d:\d\d\.\d{6})\d")]
    private static partial Regex Ticks();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

[Collection(BackupSqliteCollection.Name)]
public sealed class BackupRestoreTestsSqlite(BackupSqlitePortal portal) : BackupRestoreTests(portal, DatabaseKind.Sqlite);

/// <summary>OPS-23: a populated MariaDB portal into a fresh SQLite one and a fresh MariaDB one.</summary>
[Collection(BackupMySqlCollection.Name)]
public sealed class BackupRestoreTestsMySql(BackupMySqlPortal portal) : BackupRestoreTests(portal, DatabaseKind.Sqlite, DatabaseKind.MySql);

/// <summary>OPS-11: a SQLite installation restored into an empty MariaDB database.</summary>
[Collection(BackupSqliteCollection.Name)]
public sealed class BackupRestoreTestsSqliteIntoMySql(BackupSqlitePortal portal) : BackupRestoreTests(portal, DatabaseKind.MySql);
