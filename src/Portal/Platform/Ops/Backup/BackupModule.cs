using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Jobs;

namespace Portal.Platform.Ops.Backup;

/// <summary>Backup wiring (operations.md §8): options, the scheduled job and the endpoints behind /admin/backups.</summary>
public static class BackupModule
{
    public const string JobKey = "backup";

    public static void AddPortalBackup(this WebApplicationBuilder builder, PortalPaths paths)
    {
        var options = BackupOptions.FromConfiguration(builder.Configuration, paths);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton<BackupProgress>();
        s.AddSingleton<BackupService>();
        s.AddSingleton<BackupRestore>();
        s.AddPortalJob(JobKey, BackupOptions.ParseSchedule(options.Schedule), "Backup (banco, arquivos, chaves e configuração)", async ctx =>
        {
            var run = await ctx.Services.GetRequiredService<BackupService>().RunAsync(
                new BackupRequest(ctx.Manual ? "manual" : "agendado", null, "Portal (tarefa agendada)", AuditChannels.Job), ctx.CancellationToken);
            ctx.Message = run.Message;
            ctx.ItemsProcessed = run.Status == BackupRunStatus.Failed ? 0 : 1;
            if (run.Status == BackupRunStatus.Failed) throw new BackupException(run.Message ?? "Backup falhou.");
        });
    }

    public static void MapPortalBackup(this WebApplication app)
    {
        var group = app.MapGroup("/admin/backups").RequirePermission(Permissions.SystemBackup);
        group.MapGet("/progresso", (BackupProgress progress) =>
        {
            var p = progress.Snapshot();
            return Results.Json(new { running = p.Running, runId = p.RunId, step = p.Step, percent = p.Percent, outcome = p.Outcome });
        });
        group.MapGet("/{id:long}/arquivo", DownloadAsync);
    }

    /// <summary>Only archives recorded in BackupRuns, resolved inside Backup:Path (a name is never taken from the request).</summary>
    private static async Task<IResult> DownloadAsync(long id, PortalDb db, BackupOptions options, AuditLog audit, CancellationToken ct)
    {
        var run = await db.Set<BackupRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run?.FileName is null) return Results.NotFound();
        var file = Path.Combine(options.Path, Path.GetFileName(run.FileName));
        if (!File.Exists(file)) return Results.NotFound();
        audit.Record("backup_downloaded", "BackupRun", run.Id, run.FileName, $"Backup {run.FileName} baixado");
        await db.SaveChangesAsync(ct);
        return Results.File(file, "application/zip", run.FileName);
    }
}
