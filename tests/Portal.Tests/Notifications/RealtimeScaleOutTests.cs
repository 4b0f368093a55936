using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Platform.Realtime;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>
/// NTF-18: two instances sharing one database and one Redis (the private redis-server of scripts/test.sh,
/// PORTAL_TEST_REDIS) — what is raised on A reaches a stream held by B, and B's task read cache learns of A's writes.
/// </summary>
public abstract class RealtimeScaleOutTests(DatabaseKind provider) : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);
    private PortalApp _a = null!;
    private PortalApp _b = null!;
    private TestUsers _usersA = null!;
    private TestUsers _usersB = null!;

    public static string RedisServer =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS") is { Length: > 0 } redis
            ? redis
            : throw new InvalidOperationException("PORTAL_TEST_REDIS não definido: rode os testes com scripts/test.sh (ele inicia o Redis).");

    public async Task InitializeAsync()
    {
        // A channel of this pair only: other tests (and the other provider's pair) may share the Redis server.
        var redis = new Dictionary<string, string?>
        {
            [RealtimeModule.RedisKey] = RedisServer,
            [RedisRealtimeBackplane.ChannelKey] = "portal-test:" + Guid.NewGuid().ToString("N"),
        };
        _a = await PortalApp.StartAsync(provider, redis);
        _usersA = new TestUsers(_a);
        await _usersA.EnsureAdministratorAsync(); // before B starts: B must not open in first-run setup mode
        var shared = new Dictionary<string, string?>(redis)
        {
            ["Database:ConnectionString"] = provider == DatabaseKind.MySql
                ? _a.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Database:ConnectionString"]
                : $"Data Source={Path.Combine(_a.DataPath, "portal.db")}",
            // Instances of one installation share the key-protection certificate (the key ring is in the database).
            ["Security:KeyProtectionCertificate"] = Path.Combine(_a.DataPath, "keys", "keyprotection.pfx"),
        };
        _b = await PortalApp.StartAsync(provider, shared);
        _usersB = new TestUsers(_b);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task NTF18_a_notification_raised_on_A_reaches_the_stream_held_by_B()
    {
        Assert.IsType<RedisRealtimeBackplane>(_a.Services.GetRequiredService<IRealtimeBackplane>());
        var user = await _usersA.CreateAsync(roles: ["Colaborador"]);
        var other = await _usersA.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.scale." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(_a, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        using var onB = await _usersB.LoginAsync(user);
        using var otherOnB = await _usersB.LoginAsync(other);
        await using var stream = await EventStream.OpenAsync(onB);
        await using var otherStream = await EventStream.OpenAsync(otherOnB);

        Assert.Equal(1, await PublishAsync(_a, Event(trigger, null)));

        var item = await NextOfTypeAsync(stream, "notification", Soon);
        Assert.NotNull(item);
        var stored = Assert.Single(await OfAsync(_a, user.Id));
        Assert.Equal(stored.Id, JsonDocument.Parse(item.Value.Data).RootElement.GetProperty("id").GetInt64());
        Assert.NotNull(item.Value.EventId); // the row A stored: B's clients can resume from it
        Assert.Null(await NextOfTypeAsync(otherStream, "notification", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_stream_reconnecting_to_B_replays_what_A_published_while_it_was_away()
    {
        var user = await _usersA.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.scale." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(_a, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        using var onA = await _usersA.LoginAsync(user);
        string position;
        await using (var first = await EventStream.OpenAsync(onA)) position = first.Ready.EventId!;
        await PublishAsync(_a, Event(trigger, null));

        using var onB = await _usersB.LoginAsync(user);
        await using var again = await EventStream.OpenAsync(onB, lastEventId: position);
        Assert.NotNull(await NextOfTypeAsync(again, "notification", Soon));
    }

    [Fact]
    public async Task A_task_write_on_A_invalidates_the_task_read_cache_of_B()
    {
        var stamps = _b.Services.GetRequiredService<ChangeStamps>();
        var before = stamps.Current(TaskReadCache.Group);

        // Any write to a task table counts, even one no realtime event announces.
        await _a.WithDbAsync(db => db.Tasks.Where(t => t.Id == -1).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1)));

        var deadline = DateTime.UtcNow + Soon;
        while (stamps.Current(TaskReadCache.Group) == before && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.NotEqual(before, stamps.Current(TaskReadCache.Group));
    }

    private static async Task<System.Net.ServerSentEvents.SseItem<string>?> NextOfTypeAsync(EventStream stream, string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await stream.NextAsync(deadline - DateTime.UtcNow) is not { } item) return null;
            if (item.EventType == type) return item;
        }
        return null;
    }
}

public sealed class RealtimeScaleOutTestsSqlite() : RealtimeScaleOutTests(DatabaseKind.Sqlite);
public sealed class RealtimeScaleOutTestsMySql() : RealtimeScaleOutTests(DatabaseKind.MySql);

/// <summary>Redis down never stops the portal: the instance starts and its own streams keep working.</summary>
public sealed class RealtimeRedisDownTests
{
    [Fact]
    public async Task With_redis_unreachable_the_portal_starts_and_delivers_to_its_own_streams()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            [RealtimeModule.RedisKey] = "127.0.0.1:1,connectTimeout=500",
        });
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        var user = await users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.redis-down." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(app, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        using var client = await users.LoginAsync(user);
        await using var stream = await EventStream.OpenAsync(client);

        Assert.Equal(1, await PublishAsync(app, Event(trigger, null)));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        string? type = null;
        while (type != "notification" && DateTime.UtcNow < deadline) type = (await stream.NextAsync(deadline - DateTime.UtcNow))?.EventType;
        Assert.Equal("notification", type);
    }
}
