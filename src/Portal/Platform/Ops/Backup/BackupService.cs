using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using Portal.Platform.Audit;
using Portal.Platform.Configuration;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Time;

namespace Portal.Platform.Ops.Backup;

/// <summary>
/// The backup run of operations.md §8.1 (seed flowchart §7). Any failure ends the run Failed with a pt-BR message,
/// removes the working folder and the partial zip, and alerts; only a verified archive ever gets its final name.
/// </summary>
public sealed class BackupService(
    IServiceScopeFactory scopes, BackupOptions options, PortalPaths paths, DatabaseProvider database, BackupProgress progress,
    IConfiguration configuration, IHostEnvironment environment, TimeProvider clock, ILogger<BackupService> log) : IDisposable
{
    // One run at a time per portal process (the page, the job and the CLI share this singleton).
    private readonly SemaphoreSlim _gate = new(1, 1);
    public const string FilePrefix = "portal-backup-";
    public const string TimestampFormat = "yyyy-MM-dd_HHmmss";

    public BackupOptions Options => options;

    public void Dispose() => _gate.Dispose();

    /// <summary>True while a run holds the gate.</summary>
    public bool IsRunning => _gate.CurrentCount == 0;

    public async Task<BackupRun> RunAsync(BackupRequest request, CancellationToken ct = default)
    {
        if (!await _gate.WaitAsync(0, ct))
        {
            var refused = NewRun(request);
            refused.Status = BackupRunStatus.Failed;
            refused.Message = BackupException.AlreadyRunning;
            refused.EndedAt = refused.StartedAt;
            await TrySaveAsync(refused);
            return refused;
        }
        progress.Start(null);
        return await RunHeldAsync(request, ct);
    }

    /// <summary>
    /// "Fazer backup agora": takes the gate before returning (so the page's first progress poll already sees the
    /// run) and runs in the background. False when a run is already going.
    /// </summary>
    public bool StartInBackground(BackupRequest request)
    {
        if (!_gate.Wait(0)) return false;
        progress.Start(null);
        _ = Task.Run(async () =>
        {
            try { await RunHeldAsync(request, CancellationToken.None); }
            catch (Exception ex) { log.LogError(ex, "Backup em segundo plano falhou fora do registro"); }
        });
        return true;
    }

    private BackupRun NewRun(BackupRequest request) => new()
    {
        StartedAt = clock.GetUtcNow().UtcDateTime, Status = BackupRunStatus.Running, Trigger = request.Trigger,
        StartedBy = Truncate(request.UserName, 120), Encrypted = options.ArchivePassword is not null,
    };

    private async Task<BackupRun> RunHeldAsync(BackupRequest request, CancellationToken ct)
    {
        var run = NewRun(request);
        string? working = null, partial = null;
        var watch = Stopwatch.StartNew();
        try
        {
            // Recording the run first also proves the database answers before anything is written to disk.
            if (!request.PreMigration) await SaveAsync(run, ct);
            progress.Start(run.Id);
            var local = SaoPaulo.FromUtc(run.StartedAt);
            var stamp = local.ToString(TimestampFormat, CultureInfo.InvariantCulture);
            working = Path.Combine(options.Path, stamp);
            partial = Path.Combine(options.Path, $"{FilePrefix}{stamp}.zip.partial");
            var final = Path.Combine(options.Path, $"{FilePrefix}{stamp}.zip");

            Step("Verificando a pasta de destino", 5);
            PrepareFolder(working);
            await CheckFreeSpaceAsync(ct);

            Step("Copiando a configuração", 10);
            var parts = new List<(string Part, string Note)>();
            CopyConfiguration(Path.Combine(working, "config"));
            Step("Copiando os certificados", 15);
            CopyCertificates(Path.Combine(working, "certificates"));

            Step("Exportando o banco de dados", 20);
            var schema = await DumpDatabaseAsync(Path.Combine(working, "database"), ct);

            if (options.IncludeFiles)
            {
                Step("Copiando os arquivos", 50);
                CopyFolder(paths.FilesPath, Path.Combine(working, "files"));
            }
            if (options.IncludeKeys)
            {
                Step("Copiando as chaves", 60);
                CopyKeys(Path.Combine(working, "keys"));
            }

            Step("Gerando info.txt", 65);
            var entries = BackupArchive.HashFolder(working);
            var header = InfoHeader(run, local, schema, entries, watch.Elapsed);
            await File.WriteAllTextAsync(Path.Combine(working, BackupArchive.InfoFile), BackupArchive.ManifestText(header, entries), ct);

            Step("Compactando", 70);
            BackupArchive.Write(working, partial, options.ArchivePassword, ct);
            Step("Verificando o arquivo", 85);
            BackupArchive.Verify(partial, options.ArchivePassword, null, ct);
            File.Move(partial, final);
            partial = null;
            Directory.Delete(working, recursive: true);
            working = null;

            run.FileName = Path.GetFileName(final);
            run.Location = options.Path;
            run.SizeBytes = new FileInfo(final).Length;
            run.Sha256 = BackupArchive.HashFile(final);
            BackupArchive.WriteChecksum(final, run.Sha256);

            Step("Aplicando a retenção", 90);
            ApplyRetention(options.Path, clock.GetUtcNow().UtcDateTime, options.RetentionDays);

            run.Status = BackupRunStatus.Succeeded;
            if (options.CopyTo is { } copyTo)
            {
                Step("Copiando para o destino secundário", 95);
                run.CopyStatus = CopyToSecondary(final, copyTo, run.Sha256);
                if (run.CopyStatus != "ok") run.Status = BackupRunStatus.SucceededWithWarnings;
            }
            run.Message = $"Backup concluído — {run.SizeBytes / 1024.0 / 1024.0:0.0} MB — {final}"
                + (run.Status == BackupRunStatus.SucceededWithWarnings ? $". Cópia: {run.CopyStatus}" : "");
            log.LogInformation("Backup concluído — {SizeMb:0.0} MB — {Location}", run.SizeBytes / 1024.0 / 1024.0, final);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            run.Status = BackupRunStatus.Failed;
            run.Message = BackupException.Describe(ex);
            log.LogError(ex, "Backup falhou: {Message}", run.Message);
        }
        finally
        {
            Cleanup(working, partial);
            run.EndedAt = clock.GetUtcNow().UtcDateTime;
            progress.Finish(BackupRun.StatusLabel(run.Status));
            _gate.Release();
        }
        run.Message = Truncate(run.Message, BackupRun.MessageMax);
        if (!request.PreMigration) await RecordAsync(run, request);
        return run;
    }

    /// <summary>Stores, audits and announces a finished run (done by the caller for a pre-migration run, after migrating).</summary>
    public async Task RecordAsync(BackupRun run, BackupRequest request)
    {
        await TrySaveAsync(run);
        await AnnounceAsync(run, request);
    }

    private void Step(string text, int percent) => progress.Report(text, percent);

    private static void PrepareFolder(string working)
    {
        try
        {
            Directory.CreateDirectory(working);
            var probe = Path.Combine(working, ".probe");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (IOException ex) when (ex.HResult is 28 or unchecked((int)0x80070070))
        {
            throw new BackupException(BackupException.DiskFull, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BackupException(BackupException.NotWritable, ex);
        }
    }

    /// <summary>Step 1: refuse when the destination has less than twice the estimated size free.</summary>
    private async Task CheckFreeSpaceAsync(CancellationToken ct)
    {
        long estimate = options.IncludeFiles ? FolderSize(paths.FilesPath) : 0;
        if (database.Kind == DatabaseKind.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            estimate += File.Exists(file) ? new FileInfo(file).Length : 0;
        }
        else
        {
            await using var connection = new MySqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new MySqlCommand(
                "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()", connection);
            estimate += Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        var free = new DriveInfo(Path.GetFullPath(options.Path)).AvailableFreeSpace;
        if (free < 2 * estimate) throw new BackupException(BackupException.DiskFull);
    }

    private void CopyConfiguration(string target)
    {
        Directory.CreateDirectory(target);
        var settings = Path.Combine(paths.DataPath, "portal.settings.json");
        if (File.Exists(settings)) File.Copy(settings, Path.Combine(target, "portal.settings.json"));
        foreach (var file in Directory.EnumerateFiles(environment.ContentRootPath, "appsettings*.json"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var folder in options.ExtraFolders)
        {
            if (!Directory.Exists(folder)) throw new BackupException($"Pasta extra de configuração não encontrada: {folder} (Backup:ExtraFolders).");
            CopyFolder(folder, Path.Combine(target, "extra", Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))));
        }
    }

    private void CopyCertificates(string target)
    {
        Directory.CreateDirectory(target);
        CopyFolder(Path.Combine(paths.DataPath, "certificates"), Path.Combine(target, "certificates"));
        foreach (var key in new[] { "Tls:CertificatePath", "Tls:KeyPath", "Tls:ChainPath" })
        {
            if (configuration[key] is not { Length: > 0 } file) continue;
            file = Path.GetFullPath(file, paths.DataPath);
            if (File.Exists(file)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    private void CopyKeys(string target)
    {
        CopyFolder(paths.KeysPath, target);
        foreach (var key in new[] { "Security:KeyProtectionCertificate", "Security:JwtSigningKeyFile" })
        {
            if (configuration[key] is not { Length: > 0 } file) continue;
            file = Path.GetFullPath(file, paths.DataPath);
            var copy = Path.Combine(target, Path.GetFileName(file));
            if (File.Exists(file) && !File.Exists(copy)) File.Copy(file, copy);
        }
    }

    /// <summary>Step 5: SQLite online copy (backup API) or a MySQL consistent snapshot; the portable dump for both.</summary>
    private async Task<DumpSchema> DumpDatabaseAsync(string target, CancellationToken ct)
    {
        Directory.CreateDirectory(target);
        await using var scope = scopes.CreateAsyncScope();
        // The schema the database has, not the code's: before migrating they differ (SchemaModels).
        var model = await SchemaModels.AppliedAsync(scope.ServiceProvider.GetRequiredService<PortalDb>(), ct);
        if (database.Kind == DatabaseKind.Sqlite)
        {
            var copy = Path.Combine(target, "portal.db");
            await using (var source = new SqliteConnection(database.ConnectionString))
            await using (var destination = new SqliteConnection($"Data Source={copy};Pooling=False"))
            {
                await source.OpenAsync(ct);
                await destination.OpenAsync(ct);
                source.BackupDatabase(destination);
                return await DatabaseDump.ExportAsync(destination, DatabaseKind.Sqlite, model, target, ct);
            }
        }
        DumpSchema schema;
        await using (var connection = new MySqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using (var begin = new MySqlCommand(
                "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY;", connection))
                await begin.ExecuteNonQueryAsync(ct);
            schema = await DatabaseDump.ExportAsync(connection, DatabaseKind.MySql, model, target, ct);
            await using var commit = new MySqlCommand("COMMIT", connection);
            await commit.ExecuteNonQueryAsync(ct);
        }
        if (options.MySqlDumpPath is { } tool) await NativeDumpAsync(tool, Path.Combine(target, "native-dump.sql"), ct);
        return schema;
    }

    private async Task NativeDumpAsync(string tool, string output, CancellationToken ct)
    {
        var cs = new MySqlConnectionStringBuilder(database.ConnectionString);
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--single-transaction", "--routines", "--triggers", "--hex-blob", "--default-character-set=utf8mb4",
                     $"--host={cs.Server}", $"--port={cs.Port}", $"--user={cs.UserID}", cs.Database })
            info.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) info.Environment["MYSQL_PWD"] = cs.Password; // never on the command line
        using var process = Process.Start(info) ?? throw new BackupException($"Não foi possível executar {tool} (Backup:MySqlDumpPath).");
        await using (var file = File.Create(output))
        {
            var copy = process.StandardOutput.BaseStream.CopyToAsync(file, ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await copy;
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new BackupException($"O dump nativo ({Path.GetFileName(tool)}) falhou: {Truncate((await errors).Trim(), 300)}");
        }
    }

    private IEnumerable<string> InfoHeader(BackupRun run, DateTime local, DumpSchema schema, IReadOnlyList<ManifestEntry> entries, TimeSpan elapsed)
    {
        yield return "Backup do Portal Contábil";
        yield return $"Data/hora (UTC): {run.StartedAt:yyyy-MM-dd HH:mm:ss}";
        yield return $"Data/hora (São Paulo): {local:yyyy-MM-dd HH:mm:ss}";
        yield return $"Versão do produto: {Cli.PortalCli.Version}";
        yield return $"Versão do esquema: {schema.SchemaVersion}";
        yield return $"Banco de dados: {database.Kind}{(database.Kind == DatabaseKind.MySql ? " " + database.MySqlServerVersion : "")}";
        yield return $"Servidor: {Environment.MachineName}";
        yield return $"Usuário do sistema: {Environment.UserName}";
        yield return $"Criptografado: {(options.ArchivePassword is null ? "não" : "sim (AES-256)")}";
        yield return $"Duração até a compactação: {elapsed.TotalSeconds:0.0} s";
        yield return "";
        yield return "Partes:";
        foreach (var part in entries.GroupBy(e => e.Path.Split('/')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
            yield return $"{part.Key}: {part.Count()} arquivo(s), {part.Sum(e => e.Size)} bytes";
    }

    /// <summary>
    /// Step 10: backups older than the retention go, except the newest one. Failed runs never leave a zip, so every
    /// archive in the folder is a good one and "newest successful" is simply the newest archive.
    /// </summary>
    public static IReadOnlyList<string> ApplyRetention(string folder, DateTime nowUtc, int retentionDays)
    {
        if (!Directory.Exists(folder)) return [];
        var archives = Directory.EnumerateFiles(folder, FilePrefix + "*.zip")
            .Select(f => (File: f, At: TimestampOf(f)))
            .Where(a => a.At is not null)
            .OrderByDescending(a => a.At)
            .ToList();
        var deleted = new List<string>();
        foreach (var (file, at) in archives.Skip(1))
        {
            if (nowUtc - at!.Value <= TimeSpan.FromDays(retentionDays)) continue;
            File.Delete(file);
            if (File.Exists(BackupArchive.ChecksumFile(file))) File.Delete(BackupArchive.ChecksumFile(file));
            deleted.Add(file);
        }
        return deleted;
    }

    public static DateTime? TimestampOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return name.StartsWith(FilePrefix, StringComparison.Ordinal)
            && DateTime.TryParseExact(name[FilePrefix.Length..], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? SaoPaulo.ToUtc(local)
            : null;
    }

    /// <summary>Step 11: copy, verify size and hash, same retention there. Returns "ok" or the pt-BR reason.</summary>
    private string CopyToSecondary(string zip, string folder, string sha256)
    {
        var target = Path.Combine(folder, Path.GetFileName(zip));
        var temporary = target + ".partial";
        try
        {
            Directory.CreateDirectory(folder);
            File.Copy(zip, temporary, overwrite: true);
            if (new FileInfo(temporary).Length != new FileInfo(zip).Length || BackupArchive.HashFile(temporary) != sha256)
                throw new IOException("a cópia não confere com o original");
            File.Move(temporary, target, overwrite: true);
            BackupArchive.WriteChecksum(target, sha256);
            ApplyRetention(folder, clock.GetUtcNow().UtcDateTime, options.RetentionDays);
            return "ok";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            log.LogWarning(ex, "Cópia do backup para {Folder} falhou", folder);
            return Truncate($"Falha ao copiar para {folder}: {ex.Message}", 500)!;
        }
    }

    private static void Cleanup(string? working, string? partial)
    {
        if (working is not null && Directory.Exists(working))
        {
            try { Directory.Delete(working, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        if (partial is not null) TryDelete(partial);
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    public static void CopyFolder(string source, string target)
    {
        if (!Directory.Exists(source)) return;
        Directory.CreateDirectory(target);
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
    }

    private static long FolderSize(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private async Task SaveAsync(BackupRun run, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (run.Id == 0) db.Set<BackupRun>().Add(run);
        else db.Set<BackupRun>().Update(run);
        await db.SaveChangesAsync(ct);
    }

    private async Task TrySaveAsync(BackupRun run)
    {
        try { await SaveAsync(run, CancellationToken.None); }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException)
        {
            log.LogError(ex, "Não foi possível registrar o resultado do backup");
        }
    }

    /// <summary>Steps 12–13: audit, e-mail to NotifyEmails, and system.backup_failed / system.backup_warning.</summary>
    private async Task AnnounceAsync(BackupRun run, BackupRequest request)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<AuditActor>().Use(request.UserId, request.UserName ?? "Portal (backup)", request.Channel);
            var db = sp.GetRequiredService<PortalDb>();
            sp.GetRequiredService<AuditLog>().Record("backup_run", "BackupRun", run.Id == 0 ? null : run.Id, run.FileName,
                $"{BackupRun.StatusLabel(run.Status)}: {Truncate(run.Message, 200)}");
            var ok = run.Status == BackupRunStatus.Succeeded;
            if (options.NotifyEmails.Count > 0)
                sp.GetRequiredService<EmailOutbox>().Enqueue(options.NotifyEmails,
                    $"[Portal] Backup {BackupRun.StatusLabel(run.Status).ToLowerInvariant()}",
                    $"{BackupRun.StatusLabel(run.Status)} em {SaoPaulo.Format(run.StartedAt)}.\n{run.Message}", "backup");
            await db.SaveChangesAsync();
            if (!ok)
            {
                var failed = run.Status == BackupRunStatus.Failed;
                var type = failed ? "system.backup_failed" : "system.backup_warning";
                var title = failed ? "Backup falhou" : "Backup concluído com avisos";
                await sp.GetRequiredService<INotificationPublisher>().PublishAsync(new NotificationEvent(
                    type, $"{run.Id}-{run.StartedAt:yyyyMMddHHmmss}", NotificationCategory.Sistema, request.UserId, "BackupRun", run.Id == 0 ? null : run.Id,
                    new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = new(title, Truncate(run.Message, 500) ?? "", "/admin/backups") },
                    new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string> { ["status"] = run.Status.ToString() }, null));
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException)
        {
            log.LogError(ex, "Não foi possível registrar a auditoria ou os avisos do backup");
        }
    }

    private static string? Truncate(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;
}
