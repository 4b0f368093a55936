using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Quartz;

namespace Portal.Platform.Jobs;

public sealed record JobStatus(JobRegistration Job, JobRun? LastRun, DateTime? NextRunAt);

/// <summary>What the health page needs: each job's last run and next fire, and "Executar agora".</summary>
public sealed class PortalJobs(JobCatalog catalog, IServiceProvider services)
{
    public async Task<IReadOnlyList<JobStatus>> StatusAsync(PortalDb db, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        var result = new List<JobStatus>();
        foreach (var job in catalog.All)
        {
            var last = await db.Set<JobRun>().AsNoTracking().Where(r => r.JobKey == job.Key)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            DateTime? next = null;
            if (scheduler is not null && await scheduler.GetTrigger(new TriggerKey(job.Key, PortalQuartzJob.Group), ct) is { } trigger)
                next = trigger.NextFireTimeUtc?.UtcDateTime;
            result.Add(new JobStatus(job, last, next));
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

    private async Task<IScheduler?> SchedulerAsync(CancellationToken ct) =>
        services.GetService<ISchedulerFactory>() is { } factory ? await factory.GetScheduler(ct) : null;
}
