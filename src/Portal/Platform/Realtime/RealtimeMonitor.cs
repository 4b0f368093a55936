using Microsoft.EntityFrameworkCore;
using Portal.Platform.Identity;

namespace Portal.Platform.Realtime;

/// <summary>
/// Keeps the open streams honest: a heartbeat so proxies and browsers see a live connection, and a periodic check that
/// ends the streams of revoked or expired sessions and deactivated users within 5 s (identity.md IDN-09) — one
/// indexed query for all streams of the instance, in a scope of its own so no stream holds a database connection.
/// </summary>
public sealed class RealtimeMonitor(RealtimeBroadcaster broadcaster, IServiceScopeFactory scopes, IConfiguration config,
    ILogger<RealtimeMonitor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        EveryAsync(TimeSpan.FromSeconds(config.GetValue("Realtime:HeartbeatSeconds", 15)), _ =>
        {
            broadcaster.Heartbeat();
            return Task.CompletedTask;
        }, stoppingToken),
        EveryAsync(TimeSpan.FromSeconds(config.GetValue("Realtime:SessionCheckSeconds", 3.0)), CheckSessionsAsync, stoppingToken));

    private async Task EveryAsync(TimeSpan period, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await work(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Falha na manutenção dos fluxos em tempo real");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task CheckSessionsAsync(CancellationToken ct)
    {
        var connections = broadcaster.Connections();
        if (connections.Count == 0) return;
        var ids = connections.Select(c => c.SessionId ?? 0).Distinct().ToList();
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
        var alive = (await sessions.ActiveSessions().Where(s => ids.Contains(s.Id) && s.User.IsActive)
            .Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        foreach (var c in connections)
        {
            if (c.SessionId is not { } id || !alive.Contains(id)) broadcaster.End(c, "session.ended");
        }
    }
}
