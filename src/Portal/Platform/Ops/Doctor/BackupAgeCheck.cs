using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;
using Portal.Platform.Time;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"Último backup": warning when the last good one is older than 8 days (operations.md §6.2).</summary>
public sealed class BackupAgeCheck(IServiceScopeFactory scopes, BackupOptions options, TimeProvider clock) : IDoctorCheck
{
    private const string Name = "Último backup";
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(8);

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        DateTime? last = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            last = await scope.ServiceProvider.GetRequiredService<PortalDb>().Set<BackupRun>().AsNoTracking()
                .Where(r => r.Status == BackupRunStatus.Succeeded || r.Status == BackupRunStatus.SucceededWithWarnings)
                .MaxAsync(r => (DateTime?)r.StartedAt, ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException) { }
        // Without the database, the archives in the folder still tell (every archive there is a verified one).
        if (last is null && Directory.Exists(options.Path))
            last = Directory.EnumerateFiles(options.Path, BackupService.FilePrefix + "*.zip").Select(BackupService.TimestampOf).Max();
        const string fix = "Faça um backup agora (/admin/backups ou `portal backup run`) e confira a agenda (Backup:Schedule) e o histórico de falhas.";
        if (last is null) return [DoctorFinding.Warning(Name, "Nenhum backup concluído encontrado.", fix)];
        var age = clock.GetUtcNow().UtcDateTime - last.Value;
        var detail = $"Último backup bem-sucedido em {SaoPaulo.Format(last)} ({age.TotalDays:0} dia(s) atrás).";
        return [age > MaxAge ? DoctorFinding.Warning(Name, detail, fix) : DoctorFinding.Ok(Name, detail)];
    }
}
