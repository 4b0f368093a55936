using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Quartz;

namespace Portal.Platform.Jobs;

/// <summary>A job's last finished run (a run in progress is only flagged, so the page never shows half a result).</summary>
public sealed record JobStatus(JobRegistration Job, JobRun? LastRun, bool Running, DateTime? NextRunAt);

/// <summary>What the health page needs: each job's last run and next fire, and "Executar agora".</summary>
public sealed class PortalJobs(JobCatalog catalog, IServiceProvider services)
{
    public async Task<IReadOnlyList<JobStatus>> StatusAsync(PortalDb db, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        var result = new List<JobStatus>();
        foreach (var job in catalog.All)
        {
            var runs = db.Set<JobRun>().AsNoTracking().Where(r => r.JobKey == job.Key)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id);
            var latest = await runs.Select(r => r.Status).FirstOrDefaultAsync(ct);
            var last = await runs.Where(r => r.Status != JobRunStatus.Running).FirstOrDefaultAsync(ct);
            DateTime? next = null;
            if (scheduler is not null && await scheduler.GetTrigger(new TriggerKey(job.Key, PortalQuartzJob.Group), ct) is { } trigger)
                next = trigger.NextFireTimeUtc?.UtcDateTime;
            result.Add(new JobStatus(job, last, latest == JobRunStatus.Running && await runs.AnyAsync(ct), next));
        }
        return result;
    }

    /// <summary>Fires the job once on the scheduler (in a cluster: on exactly one instance). False when unknown or jobs are off.</summary>
    public async Task<bool> TriggerNowAsync(string key, CancellationToken ct = default)
    {
        if (catalog.Find(key) is null || await SchedulerAsync(ct) is not { } scheduler) return false;
        await scheduler.TriggerJob(new JobKey(key, PortalQuartzJob.Group), new JobDataMap { [PortalQuartzJob.ManualKey] = "true" }, ct);
        return true;
    }

    /// <summary>"Executar agora" of the admin pages (operations.md §6.2): triggers the job and audits who asked.</summary>
    public async Task<bool> TriggerAuditedAsync(string key, Audit.AuditLog audit, PortalDb db, CancellationToken ct = default)
    {
        if (!await TriggerNowAsync(key, ct)) return false;
        audit.Record("job_run_manual", "Job", key, key, $"Tarefa agendada {key} executada manualmente");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<IScheduler?> SchedulerAsync(CancellationToken ct) =>
        services.GetService<ISchedulerFactory>() is { } factory ? await factory.GetScheduler(ct) : null;
}
