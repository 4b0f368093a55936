using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Jobs;

/// <summary>
/// Runs one registered job and records it in <see cref="JobRun"/>: a failure is logged and stored with its message,
/// never rethrown into the scheduler (the next fire simply tries again).
/// </summary>
public sealed class JobExecutor(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobExecutor> log)
{
    public async Task<JobRun> RunAsync(JobRegistration job, string instance, bool manual, CancellationToken ct, DateTime? scheduledAt = null)
    {
        var run = new JobRun
        {
            JobKey = job.Key, StartedAt = clock.GetUtcNow().UtcDateTime, Status = JobRunStatus.Running,
            Instance = Truncate(instance, 200)!, Manual = manual,
        };
        await SaveAsync(run, ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new JobContext(scope.ServiceProvider, run.StartedAt, manual, scheduledAt, ct);
            await job.Run(context);
            run.Status = JobRunStatus.Succeeded;
            run.ItemsProcessed = context.ItemsProcessed;
            run.Message = Truncate(context.Message, JobRun.MessageMax);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            log.LogError(ex, "Tarefa agendada {Job} falhou", job.Key);
            run.Status = JobRunStatus.Failed;
            run.Message = Truncate($"{ex.GetType().Name}: {ex.Message}", JobRun.MessageMax);
        }
        run.EndedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(run, CancellationToken.None);
        if (run.Status == JobRunStatus.Failed) await JobFailureAlert.RaiseAsync(scopes, job, run, log);
        return run;
    }

    /// <summary>Recording uses its own context, so a job that broke its own unit of work cannot lose its run row.</summary>
    private async Task SaveAsync(JobRun run, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            if (run.Id == 0) db.Set<JobRun>().Add(run);
            else db.Set<JobRun>().Update(run);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            log.LogError(ex, "Não foi possível registrar a execução da tarefa {Job}", run.JobKey);
        }
    }

    private static string? Truncate(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;
}
