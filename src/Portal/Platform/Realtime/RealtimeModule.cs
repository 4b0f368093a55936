using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Jobs;

namespace Portal.Platform.Realtime;

public static class RealtimeModule
{
    public const string PurgeJob = "realtime-events-purge";

    /// <summary>Configuration key of the Redis server shared by several instances (operations.md §2).</summary>
    public const string RedisKey = "Redis:ConnectionString";

    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        // One instance: in-process fan-out. Several: they meet on Redis pub/sub (notifications.md §5, NTF-18).
        if (configuration[RedisKey] is { Length: > 0 })
        {
            services.TryAddSingleton<IRealtimeBackplane, RedisRealtimeBackplane>();
            services.AddHostedService<ChangeStampRelay>();
        }
        else
            services.TryAddSingleton<IRealtimeBackplane, InProcessRealtimeBackplane>();
        services.TryAddSingleton<RealtimeBroadcaster>();
        services.TryAddSingleton<RealtimePublisher>();
        services.TryAddScoped<RealtimeReplay>();
        services.AddHostedService<RealtimeMonitor>();
        services.AddPortalJob(PurgeJob, JobSchedule.Every(TimeSpan.FromMinutes(10)), "Limpeza dos eventos em tempo real já entregues (1 hora)",
            async ctx => ctx.ItemsProcessed = await ctx.Services.GetRequiredService<RealtimeReplay>().PurgeAsync(ctx.CancellationToken));
        return services;
    }
}
