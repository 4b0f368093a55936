using Microsoft.Extensions.Caching.Memory;
using Portal.Platform.Data;

namespace Portal.Tests.Unit;

public sealed class StampedCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly MemoryCache _memory = new(new MemoryCacheOptions());
    private readonly ChangeStamps _stamps = new([new ChangeGroup("tasks", ["Tasks"])]);

    [Fact]
    public async Task An_entry_read_under_a_newer_stamp_removes_the_one_it_supersedes()
    {
        var cache = new StampedCache(_memory, _stamps);
        var before = cache.Key("tasks", "board:1");
        Assert.Equal("antes", await cache.GetOrCreateAsync(before, Lifetime, () => Task.FromResult("antes")));
        var other = await cache.GetOrCreateAsync("tasks", "board:2", Lifetime, () => Task.FromResult("outro"));

        _stamps.Bump("tasks");
        var after = cache.Key("tasks", "board:1");
        Assert.Equal("depois", await cache.GetOrCreateAsync(after, Lifetime, () => Task.FromResult("depois")));

        Assert.False(_memory.TryGetValue(before, out _));
        Assert.True(_memory.TryGetValue(after, out string? kept) && kept == "depois");
        Assert.True(_memory.TryGetValue($"tasks:0:board:2", out string? untouched) && untouched == other);
        Assert.Equal(2, _memory.Count);
    }

    [Fact]
    public async Task A_slow_read_under_an_older_stamp_is_not_cached_over_a_newer_one()
    {
        var cache = new StampedCache(_memory, _stamps);
        var old = cache.Key("tasks", "board:1");
        _stamps.Bump("tasks");
        var current = cache.Key("tasks", "board:1");
        await cache.GetOrCreateAsync(current, Lifetime, () => Task.FromResult("novo"));

        Assert.Equal("velho", await cache.GetOrCreateAsync(old, Lifetime, () => Task.FromResult("velho")));

        Assert.False(_memory.TryGetValue(old, out _));
        Assert.True(_memory.TryGetValue(current, out string? kept) && kept == "novo");
    }

    [Fact]
    public async Task Derived_keys_are_superseded_like_their_prefix_and_keys_without_a_stamp_are_kept()
    {
        var cache = new StampedCache(_memory, _stamps);
        var cards = cache.Key("tasks", "board:1") + ":cards:Open";
        await cache.GetOrCreateAsync(cards, Lifetime, () => Task.FromResult("cartões"));
        await cache.GetOrCreateAsync("sem-carimbo", Lifetime, () => Task.FromResult("fixo"));
        _stamps.Bump("tasks");
        await cache.GetOrCreateAsync(cache.Key("tasks", "board:1") + ":cards:Open", Lifetime, () => Task.FromResult("novos"));

        Assert.False(_memory.TryGetValue(cards, out _));
        Assert.True(_memory.TryGetValue("sem-carimbo", out _));
    }

    [Fact]
    public async Task After_an_entry_expires_a_read_under_any_stamp_is_cached_again()
    {
        var cache = new StampedCache(_memory, _stamps);
        var key = cache.Key("tasks", "board:1");
        await cache.GetOrCreateAsync(key, Lifetime, () => Task.FromResult("primeiro"));
        _memory.Remove(key);

        await cache.GetOrCreateAsync(key, Lifetime, () => Task.FromResult("segundo"));

        Assert.True(_memory.TryGetValue(key, out string? value) && value == "segundo");
    }
}
