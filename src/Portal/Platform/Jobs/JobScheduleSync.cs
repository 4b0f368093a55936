using Quartz;

namespace Portal.Platform.Jobs;

/// <summary>
/// Puts the registered jobs into the scheduler at start-up. In a clustered store the jobs already exist (another
/// instance or an earlier start stored them): an unchanged trigger is kept, so its next fire time — and a fire missed
/// while the portal was down — survive restarts; a changed schedule replaces it; jobs no longer registered are removed.
/// </summary>
internal sealed class JobScheduleSync(ISchedulerFactory factory, JobCatalog catalog, ILogger<JobScheduleSync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var job in catalog.All)
        {
            var jobKey = new JobKey(job.Key, PortalQuartzJob.Group);
            var triggerKey = new TriggerKey(job.Key, PortalQuartzJob.Group);
            var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
            if (existing is not null && SameSchedule(existing, job.Schedule)) continue;
            var detail = JobBuilder.Create<PortalQuartzJob>().WithIdentity(jobKey).WithDescription(job.Description)
                .StoreDurably().Build();
            var trigger = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(jobKey).WithSchedule(job.Schedule.Build())
                .StartAt(job.Schedule.Interval is { } i ? DateTimeOffset.UtcNow + i : DateTimeOffset.UtcNow).Build();
            await scheduler.ScheduleJob(detail, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
            log.LogInformation("Tarefa agendada {Job}: {Schedule}", job.Key, job.Schedule.Label);
        }
        var stale = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PortalQuartzJob.Group), cancellationToken))
            .Where(k => catalog.Find(k.Name) is null).ToList();
        if (stale.Count > 0) await scheduler.DeleteJobs(stale, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool SameSchedule(ITrigger trigger, JobSchedule schedule) => trigger switch
    {
        ICronTrigger cron => cron.CronExpressionString == schedule.Cron,
        ISimpleTrigger simple => simple.RepeatInterval == schedule.Interval,
        _ => false,
    };
}
