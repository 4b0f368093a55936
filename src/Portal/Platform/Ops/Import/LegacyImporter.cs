using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Files;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// Runs the import of operations.md §9: opens the source read-only, runs every module's step inside one transaction
/// (rolled back for a dry run, committed otherwise), records the run with its report and one audit entry.
/// </summary>
public sealed class LegacyImporter(PortalDb db, IEnumerable<ILegacyImportStep> steps, FileUploads files, ImportProgress progress,
    AuditLog audit, IDataProtectionProvider protection, TimeProvider clock, ILogger<LegacyImporter> logger)
{
    public const string Busy = "Já existe uma importação em andamento.";

    public static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true };

    /// <param name="started">true when the caller already claimed <see cref="ImportProgress"/> (the wizard does, so its
    /// progress page never shows the previous run).</param>
    public async Task<ImportOutcome> RunAsync(LegacyImportOptions options, long importingUserId,
        Action<string, int, int>? console = null, bool started = false, CancellationToken ct = default)
    {
        var report = new ImportReport { DryRun = options.DryRun, Update = options.Update, StartedAt = clock.GetUtcNow().UtcDateTime };
        if (!started && !progress.TryStart())
        {
            report.Error = Busy;
            return new ImportOutcome(report, null);
        }

        long? runId = null;
        try
        {
            runId = await RunCoreAsync(options, importingUserId, report, console, ct);
        }
        catch (LegacyImportException ex)
        {
            report.Error = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The details stay in the error log (never values: EF does not log parameters without sensitive logging).
            logger.LogError(ex, "Importação do portal original falhou");
            report.Error = "Falha inesperada durante a importação; nada foi gravado. Detalhes no log de erros.";
        }
        finally
        {
            report.FinishedAt = clock.GetUtcNow().UtcDateTime;
            db.KeepGivenTimestamps = false;
            progress.Finish(report, runId);
        }
        logger.LogInformation("Importação do portal original {Mode}: {Source}, {Entities} entidades, {Warnings} avisos{Error}",
            options.DryRun ? "simulada" : "executada", report.Source, report.Entities.Count, report.TotalWarnings,
            report.Error is null ? "" : " — " + report.Error);
        return new ImportOutcome(report, runId);
    }

    private async Task<long?> RunCoreAsync(LegacyImportOptions options, long importingUserId, ImportReport report,
        Action<string, int, int>? console, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.LegacyKey) && !Fernet.TryCreate(options.LegacyKey, out _))
            throw new LegacyImportException("Chave do portal original inválida: esperados 32 bytes em base64 (formato Fernet).");
        if (!string.IsNullOrWhiteSpace(options.UploadsPath) && !Directory.Exists(options.UploadsPath))
            throw new LegacyImportException($"Pasta de uploads do portal original não encontrada: {options.UploadsPath}");

        await using var source = await LegacySource.OpenAsync(options.Source, ct);
        report.Source = source.Display;
        if (!source.HasTable("users")) throw new LegacyImportException("A origem não parece ser o banco do portal original (tabela users ausente).");
        report.MissingTables = LegacyTables.Imported.Where(t => !source.HasTable(t)).ToList();
        report.UnknownTables = source.Tables.Where(t => !LegacyTables.IsKnown(t)).Order(StringComparer.Ordinal).ToList();

        var map = await db.LegacyImportMap.AsNoTracking()
            .ToDictionaryAsync(m => (m.SourceTable, m.SourceId, m.TargetType), m => m.TargetId, ct);
        var context = new LegacyImportContext(db, source, options, report, map, progress, console, files, importingUserId,
            clock.GetUtcNow().UtcDateTime);

        // The key ring is created on first use and saved on its own connection: on SQLite that write would wait for
        // the import's transaction forever, so make sure a key exists before the transaction starts.
        _ = protection.CreateProtector("Portal.LegacyImport.KeyRingReady").Protect([1]);

        db.KeepGivenTimestamps = true;
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var step in steps.OrderBy(s => s.Order))
        {
            ct.ThrowIfCancellationRequested();
            await step.RunAsync(context, ct);
            await context.SaveAsync(ct);
        }

        if (options.DryRun)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }

        report.FinishedAt = clock.GetUtcNow().UtcDateTime;
        var run = new LegacyImportRun
        {
            StartedAt = report.StartedAt,
            FinishedAt = report.FinishedAt.Value,
            StartedById = importingUserId,
            Source = report.Source.Length > 200 ? report.Source[..200] : report.Source,
            Update = options.Update,
            Status = report.TotalWarnings > 0 ? "Concluída com avisos" : "Concluída",
            ReportJson = JsonSerializer.Serialize(report, ReportJson),
        };
        db.LegacyImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        var imported = report.Entities.Sum(e => e.Imported);
        var entry = audit.Record("legacy_import", "LegacyImportRun", run.Id, report.Source,
            $"Importação do portal original: {imported} registros importados, {report.TotalWarnings} avisos",
            report.Entities.Select(e => new AuditChange(e.Entity, null, $"{e.Imported} importados, {e.Updated} atualizados, {e.Skipped} ignorados, {e.WarningCount} avisos")).ToList(),
            actorUserId: importingUserId);
        entry.Channel = AuditChannels.Import;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return run.Id;
    }
}
