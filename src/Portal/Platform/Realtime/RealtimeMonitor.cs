using Microsoft.EntityFrameworkCore;
using Portal.Platform.Api;
using Portal.Platform.Data;
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
        await using var scope = scopes.CreateAsyncScope();
        var browsers = connections.Where(c => c.Token is null).ToList();
        var alive = new HashSet<long>();
        if (browsers.Count > 0)
        {
            var ids = browsers.Select(c => c.SessionId ?? 0).Distinct().ToList();
            var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
            alive = (await sessions.ActiveSessions().Where(s => ids.Contains(s.Id) && s.User.IsActive)
                .Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        }
        var valid = await ValidTokensAsync(scope.ServiceProvider.GetRequiredService<PortalDb>(), connections, ct);
        foreach (var c in connections)
        {
            var ok = c.Token is { } token ? valid.Contains(token.Jti) : c.SessionId is { } id && alive.Contains(id);
            if (!ok) broadcaster.End(c, "session.ended");
        }
    }

    /// <summary>
    /// The bearer streams whose token would still pass the API's own check (api.md §3.3): not expired, not revoked,
    /// user active and security stamp unchanged.
    /// </summary>
    private static async Task<HashSet<string>> ValidTokensAsync(PortalDb db, IReadOnlyList<RealtimeConnection> connections, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var tokens = connections.Select(c => c.Token).OfType<TokenClaims>().Where(t => t.ExpiresAt > now).ToList();
        if (tokens.Count == 0) return [];
        var userIds = tokens.Select(t => t.UserId).Distinct().ToList();
        var jtis = tokens.Select(t => t.Jti).Distinct().ToList();
        var stamps = await db.Users.Where(u => userIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.SecurityStamp }).ToDictionaryAsync(u => u.Id, u => TokenService.StampHash(u.SecurityStamp), ct);
        var revoked = (await db.RevokedTokens.Where(t => jtis.Contains(t.Jti)).Select(t => t.Jti).ToListAsync(ct)).ToHashSet();
        return tokens.Where(t => !revoked.Contains(t.Jti) && stamps.TryGetValue(t.UserId, out var hash) && hash == t.StampHash)
            .Select(t => t.Jti).ToHashSet();
    }
}
