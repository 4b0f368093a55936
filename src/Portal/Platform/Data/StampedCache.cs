using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace Portal.Platform.Data;

/// <summary>
/// Memory cache whose keys carry a <see cref="ChangeStamps"/> group's counter, read before the query it caches: a
/// committed write to one of the group's tables through this process makes every older entry unreachable (ADR-008).
/// The lifetime bounds memory and, with several instances, how long another instance's write can go unseen (ADR-015).
/// Storing an entry under a newer stamp removes the one it supersedes (ADR-021): on a busy board every write would
/// otherwise leave a full copy of the board in memory until its lifetime ended.
/// </summary>
public sealed class StampedCache(IMemoryCache cache, ChangeStamps stamps)
{
    private readonly ConcurrentDictionary<string, Task> _reading = new(StringComparer.Ordinal);

    /// <summary>Logical key (the stamped key without its stamp) → the stamped key cached for it now.</summary>
    private readonly ConcurrentDictionary<string, string> _newest = new(StringComparer.Ordinal);

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
            Store(stampedKey, value, lifetime);
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

    private void Store<T>(string stampedKey, T value, TimeSpan lifetime)
    {
        if (Split(stampedKey) is not { } split)
        {
            cache.Set(stampedKey, value, lifetime);
            return;
        }
        var (logical, stamp) = split;
        while (true)
        {
            if (_newest.TryGetValue(logical, out var previous))
            {
                var previousStamp = Split(previous)!.Value.Stamp;
                if (previousStamp > stamp) return; // read under an older stamp than what is cached: already superseded
                if (previousStamp < stamp)
                {
                    if (!_newest.TryUpdate(logical, stampedKey, previous)) continue;
                    cache.Remove(previous);
                }
            }
            else if (!_newest.TryAdd(logical, stampedKey)) continue;
            break;
        }
        using var entry = cache.CreateEntry(stampedKey);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
        entry.RegisterPostEvictionCallback(Evicted, logical);
    }

    private void Evicted(object key, object? value, EvictionReason reason, object? logical)
    {
        // Replaced: the same stamped key was stored again and is still the newest.
        if (reason != EvictionReason.Replaced)
            _newest.TryRemove(new KeyValuePair<string, string>((string)logical!, (string)key));
    }

    /// <summary>"group:stamp:rest" → ("group:rest", stamp); null for a key that carries no stamp.</summary>
    private static (string Logical, long Stamp)? Split(string stampedKey)
    {
        var first = stampedKey.IndexOf(':');
        var second = first < 0 ? -1 : stampedKey.IndexOf(':', first + 1);
        if (second < 0 || !long.TryParse(stampedKey.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
            return null;
        return (string.Concat(stampedKey.AsSpan(0, first + 1), stampedKey.AsSpan(second + 1)), stamp);
    }
}
