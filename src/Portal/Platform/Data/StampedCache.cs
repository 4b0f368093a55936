using Microsoft.Extensions.Caching.Memory;

namespace Portal.Platform.Data;

/// <summary>
/// Memory cache whose keys carry a <see cref="ChangeStamps"/> group's counter, read before the query it caches: a
/// committed write to one of the group's tables through this process makes every older entry unreachable (ADR-008).
/// The lifetime bounds memory and, with several instances, how long another instance's write can go unseen (ADR-015).
/// </summary>
public sealed class StampedCache(IMemoryCache cache, ChangeStamps stamps)
{
    /// <summary>The key under the group's current stamp: take it before reading, and use it for everything derived.</summary>
    public string Key(string group, string key) => $"{group}:{stamps.Current(group)}:{key}";

    public async Task<T> GetOrCreateAsync<T>(string stampedKey, TimeSpan lifetime, Func<Task<T>> read)
    {
        if (cache.TryGetValue(stampedKey, out T? hit) && hit is not null) return hit;
        var value = await read();
        cache.Set(stampedKey, value, lifetime);
        return value;
    }

    public Task<T> GetOrCreateAsync<T>(string group, string key, TimeSpan lifetime, Func<Task<T>> read) =>
        GetOrCreateAsync(Key(group, key), lifetime, read);
}
