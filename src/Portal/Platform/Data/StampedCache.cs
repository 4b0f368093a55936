using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Portal.Platform.Data;

/// <summary>
/// Memory cache whose keys carry a <see cref="ChangeStamps"/> group's counter, read before the query it caches: a
/// committed write to one of the group's tables through this process makes every older entry unreachable (ADR-008).
/// The lifetime bounds memory and, with several instances, how long another instance's write can go unseen (ADR-015).
/// </summary>
public sealed class StampedCache(IMemoryCache cache, ChangeStamps stamps)
{
    private readonly ConcurrentDictionary<string, Task> _reading = new(StringComparer.Ordinal);

    /// <summary>The key under the group's current stamp: take it before reading, and use it for everything derived.</summary>
    public string Key(string group, string key) => $"{group}:{stamps.Current(group)}:{key}";

    /// <summary>
    /// One read per key at a time: when a busy board's entry expires, the requests arriving meanwhile wait for that read
    /// instead of all running the same heavy query at once (which made the slowest 1 % of board views several times slower).
    /// </summary>
    public async Task<T> GetOrCreateAsync<T>(string stampedKey, TimeSpan lifetime, Func<Task<T>> read)
    {
        if (cache.TryGetValue(stampedKey, out T? hit) && hit is not null) return hit;
        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_reading.GetOrAdd(stampedKey, mine.Task) is Task<T> running && running != mine.Task)
        {
            try { return await running; }
            catch { return await read(); } // the first reader failed or was cancelled with its request: read for ourselves
        }
        try
        {
            var value = await read();
            cache.Set(stampedKey, value, lifetime);
            mine.SetResult(value);
            return value;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed: waiters retry on their own
            throw;
        }
        finally
        {
            _reading.TryRemove(new KeyValuePair<string, Task>(stampedKey, mine.Task));
        }
    }

    public Task<T> GetOrCreateAsync<T>(string group, string key, TimeSpan lifetime, Func<Task<T>> read) =>
        GetOrCreateAsync(Key(group, key), lifetime, read);
}
