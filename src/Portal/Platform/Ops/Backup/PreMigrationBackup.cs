using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Setup;

namespace Portal.Platform.Ops.Backup;

/// <summary>
/// <c>Database:BackupBeforeMigrate</c> (operations.md §2, §3 step 4): a full backup of a database that already holds
/// data, taken before its pending migrations run. When it fails nothing is migrated and the start stops, so an
/// upgrade never changes a schema without a way back.
/// </summary>
public static class PreMigrationBackup
{
    // Start-up and `portal migrate` are both an operator acting on the server: the console channel.
    public static readonly BackupRequest Request =
        new(BackupRequest.PreMigrationTrigger, null, "Portal (antes das migrações)", AuditChannels.Cli, PreMigration: true);

    /// <summary>The finished run, to be recorded with <see cref="BackupService.RecordAsync"/> after migrating; null when not taken.</summary>
    public static async Task<BackupRun?> TakeAsync(IServiceProvider services, IConfiguration config, PortalDb db, ILogger log, CancellationToken ct = default)
    {
        if (!config.GetValue("Database:BackupBeforeMigrate", true)) return null;
        // A database with no migration applied has no data to lose (first start, fresh install).
        if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any()) return null;
        log.LogInformation("Fazendo backup antes de aplicar as migrações (Database:BackupBeforeMigrate)");
        var run = await services.GetRequiredService<BackupService>().RunAsync(Request, ct);
        if (run.Status == BackupRunStatus.Failed)
            throw new StartupException($"O backup antes das migrações falhou: {run.Message} Nenhuma migração foi aplicada. "
                + "Corrija o problema e inicie o portal de novo (ou, por sua conta, defina Database:BackupBeforeMigrate=false).");
        log.LogInformation("Backup antes das migrações: {Message}", run.Message);
        return run;
    }
}
