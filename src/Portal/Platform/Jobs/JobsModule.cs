using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Data;
using Portal.Platform.Setup;
using Quartz;

namespace Portal.Platform.Jobs;

/// <summary>
/// Scheduled jobs on Quartz.NET (operations.md §10, ADR jobs-quartz): in-memory store on one instance; with
/// <c>Jobs:Clustered = true</c> Quartz's clustered ADO.NET store in the MySQL/MariaDB database (QRTZ_ tables created
/// by the "Jobs" migration), so each fire runs on exactly one instance. Modules add jobs with
/// <see cref="AddPortalJob{TJob}"/> or the delegate overload.
/// </summary>
public static class JobsModule
{
    public const string TablePrefix = "QRTZ_";
    public const string SchedulerName = "Portal";

    public static void AddPortalJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton<JobCatalog>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<PortalJobs>();
        services.AddTransient<PortalQuartzJob>();
        if (!config.GetValue("Jobs:Enabled", true)) return; // e.g. tests that drive jobs by hand

        var clustered = IsClustered(config);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                o.GenerateInstanceId = clustered; // one node id per process, unique in the cluster
            });
            q.UseDefaultThreadPool(config.GetValue("Jobs:Threads", 4));
            if (clustered)
            {
                var connection = config["Database:ConnectionString"] ?? "";
                q.UsePersistentStore(s =>
                {
                    s.UseMySqlConnector(connection);
                    s.ConfigureStore(o =>
                    {
                        o.TablePrefix = TablePrefix;
                        o.StoreJobDataAsStrings = true;
                    });
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(config.GetValue("Jobs:CheckinIntervalSeconds", 15.0));
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(config.GetValue("Jobs:CheckinMisfireSeconds", 60.0));
                    });
                });
            }
            else q.UseInMemoryStore();
        });
        services.AddHostedService<JobScheduleSync>();
        // Running jobs finish before the process exits (graceful shutdown, operations.md §3).
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    public static bool IsClustered(IConfiguration config) => config.GetValue("Jobs:Clustered", false);

    /// <summary>Called by the start-up checks: a clustered store needs MySQL/MariaDB (operations.md §2).</summary>
    public static void Validate(IConfiguration config, DatabaseKind kind)
    {
        if (IsClustered(config) && kind != DatabaseKind.MySql)
            throw new StartupException("Jobs:Clustered = true exige MySQL/MariaDB (Database:Provider = MySql); com SQLite use uma única instância e Jobs:Clustered = false.");
    }

    /// <summary>Registers a job class (scoped) under a stable key with its schedule and pt-BR description.</summary>
    public static IServiceCollection AddPortalJob<TJob>(this IServiceCollection services, string key, JobSchedule schedule, string description)
        where TJob : class, IPortalJob
    {
        services.TryAddScoped<TJob>();
        return services.AddPortalJob(key, schedule, description, ctx => ctx.Services.GetRequiredService<TJob>().RunAsync(ctx));
    }

    /// <summary>
    /// One-liner registration, e.g.
    /// <c>services.AddPortalJob("notifications-purge", JobSchedule.DailyAt(3, 30), "Limpeza de notificações",
    /// ctx => ctx.Services.GetRequiredService&lt;NotificationRetention&gt;().PurgeAsync(ctx.Now));</c>
    /// </summary>
    public static IServiceCollection AddPortalJob(this IServiceCollection services, string key, JobSchedule schedule, string description, Func<JobContext, Task> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > 100) throw new ArgumentException("Chave de tarefa com mais de 100 caracteres.", nameof(key));
        services.AddSingleton(new JobRegistration(key, schedule, description, run));
        return services;
    }
}
