using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Platform.Realtime;

public static class RealtimeModule
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.TryAddSingleton<IRealtimeBackplane, InProcessRealtimeBackplane>();
        services.TryAddSingleton<RealtimeBroadcaster>();
        services.AddHostedService<RealtimeMonitor>();
        return services;
    }
}
