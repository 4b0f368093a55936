using System.Globalization;
using Portal.Platform.Contracts;

namespace Portal.Platform.Jobs;

/// <summary>
/// Raises <c>system.job_failed</c> (notifications.md §3) when a scheduled job fails. One alert per job and clock hour:
/// a job that fails every 30 s must not bury the administrators (the health page lists every failed run anyway).
/// </summary>
internal static class JobFailureAlert
{
    public const string EventType = "system.job_failed";

    public static async Task RaiseAsync(IServiceScopeFactory scopes, JobRegistration job, JobRun run, ILogger log)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<INotificationPublisher>() is not { } publisher) return;
            var hour = run.StartedAt.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
            await publisher.PublishAsync(new NotificationEvent(
                EventType, $"{job.Key}:{hour}", NotificationCategory.Sistema, null, "JobRun", run.Id == 0 ? null : run.Id,
                new Dictionary<string, NotificationMessage>
                {
                    [NotificationEvent.DefaultMessage] = new($"Tarefa agendada falhou: {job.Description}",
                        run.Message ?? "Falha sem mensagem.", "/admin/saude/tarefas"),
                },
                new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string> { ["jobKey"] = job.Key }, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run is already recorded as failed; an alert that cannot be raised must not hide that.
            log.LogError(ex, "Não foi possível avisar a falha da tarefa agendada {Job}", job.Key);
        }
    }
}
