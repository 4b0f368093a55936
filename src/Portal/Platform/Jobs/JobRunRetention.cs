using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Jobs;

/// <summary>Keeps 30 days of job runs (the 30-second outbox job alone writes ~2,900 rows a day).</summary>
public static class JobRunRetention
{
    public const string Key = "job-runs-retention";
    public static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    public static IServiceCollection AddJobRunRetention(this IServiceCollection services) =>
        services.AddPortalJob(Key, JobSchedule.DailyAt(4, 10), "Limpeza do histórico de tarefas agendadas (30 dias)", async ctx =>
        {
            var before = ctx.Now - Keep;
            ctx.ItemsProcessed = await ctx.Services.GetRequiredService<PortalDb>().Set<JobRun>()
                .Where(r => r.StartedAt < before).ExecuteDeleteAsync(ctx.CancellationToken);
        });
}
