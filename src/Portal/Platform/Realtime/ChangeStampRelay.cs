using Portal.Platform.Data;

namespace Portal.Platform.Realtime;

/// <summary>
/// With several instances (Redis backplane), a write committed on one instance must also invalidate the read caches of
/// the others (ADR-008): every local stamp bump is announced as a <c>cache.changed</c> message for nobody's stream, and
/// the announcements of the other instances raise the same stamps here.
/// </summary>
public sealed class ChangeStampRelay(ChangeStamps stamps, IRealtimeBackplane backplane, ILogger<ChangeStampRelay> logger) : IHostedService
{
    public const string MessageType = "cache.changed";
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = backplane.Subscribe(m =>
        {
            if (m.Type == MessageType) stamps.BumpFromElsewhere(m.Json);
        });
        stamps.Bumped += Announce;
        return Task.CompletedTask;
    }

    private void Announce(string group) => _ = AnnounceAsync(group);

    private async Task AnnounceAsync(string group)
    {
        try
        {
            await backplane.PublishAsync(new RealtimeMessage(MessageType, group, []));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Falha ao avisar as outras instâncias da mudança em {Group}", group);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stamps.Bumped -= Announce;
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
