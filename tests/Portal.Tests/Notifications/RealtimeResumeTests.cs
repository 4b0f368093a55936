using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Platform.Realtime;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>NTF-04: a stream reopened with Last-Event-ID replays what it missed from the database, or says resync.</summary>
public abstract class RealtimeResumeTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task NTF04_reconnecting_replays_the_missed_notifications_in_order_and_only_the_users_own()
    {
        var (a, trigger) = await RecipientAsync();
        var (b, otherTrigger) = await RecipientAsync();
        using var client = await Users.LoginAsync(a);
        string position;
        await using (var first = await EventStream.OpenAsync(client))
        {
            position = first.Ready.EventId!;
            Assert.Matches("^[0-9]+$", position);
        }

        // While A is away: three notifications for A, one for B.
        var titles = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            titles.Add($"Aviso {i} " + Guid.NewGuid().ToString("N")[..6]);
            Assert.Equal(1, await PublishAsync(App, Titled(trigger, titles[^1])));
            if (i == 2) Assert.Equal(1, await PublishAsync(App, Titled(otherTrigger, "Para B")));
        }

        await using var again = await EventStream.OpenAsync(client, lastEventId: position);
        Assert.Equal(position, again.Ready.EventId); // a reconnect before any event still resumes from here
        var replayed = await NotificationsAsync(again, 3);
        Assert.Equal(titles, replayed.Select(r => r.Data.GetProperty("title").GetString()));
        var ids = replayed.Select(r => long.Parse(r.Item.EventId!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.All(ids, id => Assert.True(id > long.Parse(position, System.Globalization.CultureInfo.InvariantCulture)));
        var stored = await OfAsync(App, a.Id);
        Assert.Equal(stored.TakeLast(3).Select(n => n.Id), replayed.Select(r => r.Data.GetProperty("id").GetInt64()));

        // Live events keep coming after the replay, once each.
        var live = "Ao vivo " + Guid.NewGuid().ToString("N")[..6];
        await PublishAsync(App, Titled(trigger, live));
        var next = await NotificationsAsync(again, 1);
        Assert.Equal(live, next[0].Data.GetProperty("title").GetString());
        Assert.True(long.Parse(next[0].Item.EventId!, System.Globalization.CultureInfo.InvariantCulture) > ids[^1]);
    }

    [Fact]
    public async Task NTF04_the_replay_starts_after_the_last_event_the_client_received()
    {
        var (a, trigger) = await RecipientAsync();
        using var client = await Users.LoginAsync(a);
        string lastSeen;
        await using (var stream = await EventStream.OpenAsync(client))
        {
            await PublishAsync(App, Titled(trigger, "Já recebido"));
            lastSeen = (await NotificationsAsync(stream, 1))[0].Item.EventId!;
        }
        await PublishAsync(App, Titled(trigger, "Perdido"));

        await using var again = await EventStream.OpenAsync(client, lastEventId: lastSeen);
        var replayed = await NotificationsAsync(again, 1);
        Assert.Equal("Perdido", replayed[0].Data.GetProperty("title").GetString());
        Assert.Null(await NextOfTypeAsync(again, "notification", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task NTF04_after_10_minutes_the_stream_sends_resync_instead_of_the_old_events()
    {
        var (a, trigger) = await RecipientAsync();
        using var client = await Users.LoginAsync(a);
        string position;
        await using (var first = await EventStream.OpenAsync(client)) position = first.Ready.EventId!;
        await PublishAsync(App, Titled(trigger, "Antigo"));
        var after = long.Parse(position, System.Globalization.CultureInfo.InvariantCulture);
        // Eleven minutes pass: the events published since the client left are older than the replay window.
        await App.WithDbAsync(db => db.RealtimeEvents.Where(e => e.Id > after)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, e => e.CreatedAt.AddMinutes(-11))));

        await using var again = await EventStream.OpenAsync(client, lastEventId: position);
        var item = await again.NextAsync(Soon);
        Assert.Equal("resync", item?.EventType);
        Assert.Null(await NextOfTypeAsync(again, "notification", TimeSpan.FromMilliseconds(500)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("999999999999999999")]
    public async Task NTF04_an_unknown_last_event_id_gets_resync(string lastEventId)
    {
        var (a, _) = await RecipientAsync();
        using var client = await Users.LoginAsync(a);
        await using var stream = await EventStream.OpenAsync(client, lastEventId: lastEventId);
        Assert.Equal("resync", (await stream.NextAsync(Soon))?.EventType);
    }

    [Fact]
    public async Task A_client_that_missed_nothing_gets_neither_replay_nor_resync()
    {
        var (a, _) = await RecipientAsync();
        using var client = await Users.LoginAsync(a);
        string position;
        await using (var first = await EventStream.OpenAsync(client)) position = first.Ready.EventId!;
        var latest = await App.WithDbAsync(db => db.RealtimeEvents.MaxAsync(e => (long?)e.Id));
        // Others' events may have been published meanwhile (parallel tests): resume from the newest one.
        var from = latest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? position;

        await using var again = await EventStream.OpenAsync(client, lastEventId: from);
        Assert.Null(await NextOfTypeAsync(again, "resync", TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public async Task The_query_parameter_resumes_too_for_a_tab_taking_over_the_stream()
    {
        var (a, trigger) = await RecipientAsync();
        using var client = await Users.LoginAsync(a);
        string position;
        await using (var first = await EventStream.OpenAsync(client)) position = first.Ready.EventId!;
        await PublishAsync(App, Titled(trigger, "Na troca de aba"));

        await using var again = await EventStream.OpenAsync(client, "/eventos/stream?lastEventId=" + position);
        Assert.Equal("Na troca de aba", (await NotificationsAsync(again, 1))[0].Data.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_purge_keeps_an_hour_of_events()
    {
        var now = DateTime.UtcNow;
        var rows = new[] { new RealtimeEvent { Type = "test", CreatedAt = now.AddMinutes(-61) }, new RealtimeEvent { Type = "test", CreatedAt = now.AddMinutes(-50) } };
        await App.WithDbAsync(async db =>
        {
            db.RealtimeEvents.AddRange(rows);
            await db.SaveChangesAsync();
        });
        await App.WithScopeAsync(sp => sp.GetRequiredService<RealtimeReplay>().PurgeAsync());
        var ids = rows.Select(r => r.Id).ToList();
        var left = await App.WithDbAsync(db => db.RealtimeEvents.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync());
        Assert.Equal([rows[1].Id], left);
    }

    private async Task<(TestUser User, string Trigger)> RecipientAsync()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.resume." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(App, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        return (user, trigger);
    }

    private static Portal.Platform.Contracts.NotificationEvent Titled(string trigger, string title) => Event(trigger, null) with
    {
        Messages = new Dictionary<string, Portal.Platform.Contracts.NotificationMessage>
        {
            [Portal.Platform.Contracts.NotificationEvent.DefaultMessage] = new(title, "Mensagem de teste.", "/inicio"),
        },
    };

    private static async Task<List<(SseItem<string> Item, JsonElement Data)>> NotificationsAsync(EventStream stream, int count)
    {
        var found = new List<(SseItem<string>, JsonElement)>();
        while (found.Count < count && await NextOfTypeAsync(stream, "notification", Soon) is { } item)
            found.Add((item, JsonDocument.Parse(item.Data).RootElement.Clone()));
        Assert.Equal(count, found.Count);
        return found;
    }

    private static async Task<SseItem<string>?> NextOfTypeAsync(EventStream stream, string type, TimeSpan timeout)
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

[Collection(SqliteCollection.Name)] public sealed class RealtimeResumeTestsSqlite(SqlitePortal portal) : RealtimeResumeTests(portal);
[Collection(MySqlCollection.Name)] public sealed class RealtimeResumeTestsMySql(MySqlPortal portal) : RealtimeResumeTests(portal);
