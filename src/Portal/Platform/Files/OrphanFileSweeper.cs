using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Files;

/// <summary>
/// Removes stored content that no <see cref="StoredFile"/> row points at any more: the content of a deleted owner
/// whose immediate purge failed (PLT-08), uploads whose save never happened, a crash between the two. Only objects
/// older than <see cref="MinimumAge"/> are touched, so an upload whose row is about to be saved is never taken.
/// The storage itself is the to-do list, so no table of pending deletions is needed.
/// </summary>
public sealed class OrphanFileSweeper(PortalDb db, IFileStorage storage, TimeProvider clock, ILogger<OrphanFileSweeper> logger)
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    /// <summary>Deletes the orphans and returns how many were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - MinimumAge;
        // Disk first, rows second: a row saved after the listing can only belong to a newer object.
        var candidates = new List<string>();
        await foreach (var item in storage.ListAsync(ct))
            if (item.LastWrittenUtc < cutoff) candidates.Add(item.Key);
        if (candidates.Count == 0) return 0;

        // One pass over the keys (StorageKey has no index; hundreds of IN queries would each scan the table).
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in db.StoredFiles.AsNoTracking().Select(f => f.StorageKey).AsAsyncEnumerable().WithCancellation(ct))
            known.Add(key);

        var removed = 0;
        foreach (var key in candidates.Where(k => !known.Contains(k)))
        {
            try
            {
                await storage.DeleteAsync(key, ct);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Não foi possível apagar o arquivo órfão {StorageKey}; nova tentativa na próxima limpeza.", key);
            }
        }
        if (removed > 0) logger.LogInformation("Limpeza de arquivos: {Count} arquivo(s) sem registro removido(s).", removed);
        return removed;
    }
}

/// <summary>Runs <see cref="OrphanFileSweeper"/> a few minutes after start-up and then every hour.</summary>
public sealed class OrphanFileSweepJob(IServiceScopeFactory scopes, ILogger<OrphanFileSweepJob> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRun, stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<OrphanFileSweeper>().SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database hiccup must not stop the job: the next hour retries.
                    logger.LogError(ex, "Falha na limpeza de arquivos órfãos.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
