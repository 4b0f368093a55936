using Quartz;

namespace Portal.Platform.Jobs;

/// <summary>
/// The one Quartz job type: looks the registration up by the Quartz job name. Concurrent fires of the same job are
/// refused (in a cluster too), so a slow outbox run never overlaps the next one.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PortalQuartzJob(JobCatalog catalog, JobExecutor executor, ILogger<PortalQuartzJob> log) : IJob
{
    public const string Group = "portal";
    public const string ManualKey = "manual";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var registration = catalog.Find(context.JobDetail.Key.Name);
        if (registration is null)
        {
            log.LogWarning("Tarefa agendada {Job} não está mais registrada; ignorada", context.JobDetail.Key.Name);
            return;
        }
        var manual = context.MergedJobDataMap.ContainsKey(ManualKey);
        var instance = $"{Environment.MachineName}/{context.Scheduler.SchedulerInstanceId}";
        await executor.RunAsync(registration, instance, manual, cancellationToken, context.ScheduledFireTimeUtc?.UtcDateTime);
    }
}
