using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MySqlConnector;
using Portal.Platform.Configuration;
using Portal.Platform.Data;

namespace Portal.Platform.Ops.Backup;

/// <summary>Parts of an archive that <c>portal restore --parts</c> can bring back.</summary>
public static class BackupParts
{
    public const string Database = "db", Files = "files", Keys = "keys", Config = "config", Certificates = "certificates";
    public static readonly string[] All = [Database, Files, Keys, Config, Certificates];
}

public sealed record VerifyReport(string Info, DumpSchema Schema, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>
/// <c>portal backup verify</c> and <c>portal restore</c> (operations.md §8.2). The portable dump loads into either
/// provider: the target is migrated to the backup's schema version, loaded, then migrated to the current one.
/// </summary>
public sealed class BackupRestore(PortalPaths paths)
{
    /// <summary>Checks the archive and loads its dump into a throw-away SQLite database; row counts must match schema.json.</summary>
    public async Task<VerifyReport> VerifyAsync(string zip, string? password, CancellationToken ct = default)
    {
        var temp = Directory.CreateTempSubdirectory("portal-verify-").FullName;
        try
        {
            var info = BackupArchive.Verify(zip, password, temp, ct);
            var dump = Path.Combine(temp, "database");
            var schema = DatabaseDump.ReadSchema(dump);
            var file = Path.Combine(temp, "verify.db");
            var counts = await RestoreDatabaseAsync(dump, new DatabaseProvider(DatabaseKind.Sqlite, $"Data Source={file};Pooling=False"), overwrite: false, ct);
            foreach (var table in schema.Tables)
                if (counts.GetValueOrDefault(table.Name) != table.Rows)
                    throw new BackupException($"Arquivo de backup corrompido: a tabela {table.Name} tem {counts.GetValueOrDefault(table.Name)} linha(s), o backup diz {table.Rows}.");
            return new VerifyReport(info, schema, counts);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(temp, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Restores the chosen parts; the database part goes into <paramref name="target"/>.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(string zip, string? password, IReadOnlyCollection<string> parts, DatabaseProvider target,
        bool overwrite, CancellationToken ct = default)
    {
        if (parts.FirstOrDefault(p => !BackupParts.All.Contains(p)) is { } unknown)
            throw new BackupException($"Parte desconhecida: {unknown}. Use {string.Join(", ", BackupParts.All)}.");
        var temp = Directory.CreateTempSubdirectory("portal-restore-").FullName;
        var summary = new List<string>();
        try
        {
            BackupArchive.Verify(zip, password, temp, ct);
            if (parts.Contains(BackupParts.Database))
            {
                var counts = await RestoreDatabaseAsync(Path.Combine(temp, "database"), target, overwrite, ct);
                summary.Add($"Banco de dados ({target.Kind}): {counts.Count} tabelas, {counts.Values.Sum()} linhas.");
            }
            if (parts.Contains(BackupParts.Files)) summary.Add(CopyPart(temp, "files", paths.FilesPath, "Arquivos"));
            if (parts.Contains(BackupParts.Keys)) summary.Add(CopyPart(temp, "keys", paths.KeysPath, "Chaves"));
            if (parts.Contains(BackupParts.Certificates))
                summary.Add(CopyPart(Path.Combine(temp, "certificates"), "certificates", Path.Combine(paths.DataPath, "certificates"), "Certificados"));
            if (parts.Contains(BackupParts.Config))
            {
                var settings = Path.Combine(temp, "config", "portal.settings.json");
                if (File.Exists(settings)) File.Copy(settings, Path.Combine(paths.DataPath, "portal.settings.json"), overwrite: true);
                summary.Add($"Configuração: portal.settings.json {(File.Exists(settings) ? "restaurado" : "ausente no backup")}; "
                    + "appsettings e pastas extras ficam em config/ do arquivo para conferência manual.");
            }
            RestoreAudit.Write(paths, new RestoreAudit.Note(DateTime.UtcNow, Path.GetFileName(zip), [.. parts],
                target.Kind.ToString(), Environment.UserName, summary));
            return summary;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(temp, recursive: true); }
            catch (IOException) { }
        }
    }

    private static string CopyPart(string root, string name, string destination, string label)
    {
        var source = Path.Combine(root, name);
        if (!Directory.Exists(source)) return $"{label}: ausente no backup.";
        BackupService.CopyFolder(source, destination);
        return $"{label}: {Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Count()} arquivo(s) em {destination}.";
    }

    public static PortalDb CreateContext(DatabaseProvider target)
    {
        if (target.Kind == DatabaseKind.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) Directory.CreateDirectory(dir);
            var sqlite = new DbContextOptionsBuilder<SqlitePortalDb>();
            target.Configure(sqlite);
            return new SqlitePortalDb(sqlite.Options);
        }
        var mysql = new DbContextOptionsBuilder<MySqlPortalDb>();
        target.Configure(mysql);
        return new MySqlPortalDb(mysql.Options);
    }

    public static async Task<IReadOnlyDictionary<string, long>> RestoreDatabaseAsync(string dumpFolder, DatabaseProvider target, bool overwrite, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dumpFolder, DatabaseDump.SchemaFile)))
            throw new BackupException("O backup não contém o banco de dados (database/schema.json).");
        var schema = DatabaseDump.ReadSchema(dumpFolder);
        try
        {
            await using var db = CreateContext(target);
            var known = db.Database.GetMigrations().ToList();
            var names = known.Select(DatabaseDump.MigrationName).ToList();
            if (schema.Migrations.FirstOrDefault(m => !names.Contains(m)) is { } newer)
                throw new BackupException($"O backup é de uma versão mais nova do portal (migração '{newer}' desconhecida). Atualize o portal antes de restaurar.");
            if (!overwrite && (await db.Database.GetAppliedMigrationsAsync(ct)).Any() && await db.Users.AnyAsync(ct))
                throw new BackupException("O banco de destino não está vazio. Use --overwrite para substituir os dados.");
            var migrator = db.GetService<IMigrator>();
            var model = db.Model;
            if (schema.SchemaVersion is { } version)
            {
                var id = known[names.IndexOf(version)];
                await migrator.MigrateAsync(id, ct);
                // Loaded through the backup's own schema: an older backup has older tables and columns.
                model = SchemaModels.AtMigration(db, id);
            }
            await db.Database.OpenConnectionAsync(ct);
            IReadOnlyDictionary<string, long> counts;
            try
            {
                counts = await DatabaseDump.ImportAsync(db.Database.GetDbConnection(), target.Kind, model, dumpFolder, null, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            await db.Database.MigrateAsync(ct); // a backup from an older version is brought up to date
            return counts;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException { InnerException: System.Data.Common.DbException })
        {
            throw new BackupException($"Banco de dados de destino inacessível ou recusou os dados: {ex.Message}", ex);
        }
        finally
        {
            if (target.Kind == DatabaseKind.Sqlite) SqliteConnection.ClearAllPools();
            else MySqlConnection.ClearAllPools();
        }
    }
}
