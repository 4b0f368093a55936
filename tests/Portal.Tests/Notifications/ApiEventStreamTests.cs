using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Platform.Realtime;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>
/// <c>GET /api/v1/events/stream</c> (notifications.md §9): the same stream for bearer clients — the API's 401 shape
/// without a valid token, the user's own events only, and the end of the stream when the token or user is revoked
/// (identity.md IDN-09).
/// </summary>
public abstract class ApiEventStreamTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Revocation = TimeSpan.FromSeconds(5);
    private const string Path = "/api/v1/events/stream";

    [Fact]
    public async Task Without_a_token_the_answer_is_the_api_401_not_a_stream_or_a_login_page()
    {
        using var api = new ApiClient(App);
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Path), "missing_token");
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Path, token: "abc.def.ghi"), "token_expired_or_invalid");
    }

    [Fact]
    public async Task A_session_cookie_does_not_open_the_api_stream()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var browser = await Users.LoginAsync(user);
        var response = await browser.GetAsync(Path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_token", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_bearer_stream_gets_the_users_notifications_and_not_another_users()
    {
        var (a, trigger) = await RecipientAsync();
        var (b, _) = await RecipientAsync();
        using var aApi = await ApiClient.LoginAsync(App, a);
        using var bApi = await ApiClient.LoginAsync(App, b);
        await using var aStream = await EventStream.OpenAsync(aApi);
        await using var bStream = await EventStream.OpenAsync(bApi);

        Assert.Equal(1, await PublishAsync(App, Event(trigger, null)));

        var item = await NextOfTypeAsync(aStream, "notification", Soon);
        Assert.NotNull(item);
        var stored = Assert.Single(await OfAsync(App, a.Id));
        Assert.Equal(stored.Id, JsonDocument.Parse(item.Value.Data).RootElement.GetProperty("id").GetInt64());
        Assert.NotNull(item.Value.EventId);
        Assert.Null(await NextOfTypeAsync(bStream, "notification", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task The_bearer_stream_resumes_from_last_event_id()
    {
        var (a, trigger) = await RecipientAsync();
        using var api = await ApiClient.LoginAsync(App, a);
        string position;
        await using (var first = await EventStream.OpenAsync(api)) position = first.Ready.EventId!;
        await PublishAsync(App, Event(trigger, null));

        await using var again = await EventStream.OpenAsync(api, lastEventId: position);
        Assert.NotNull(await NextOfTypeAsync(again, "notification", Soon));
    }

    [Fact]
    public async Task An_idle_bearer_stream_holds_no_database_connection_nor_request_thread()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, user);
        var streams = new List<EventStream>();
        try
        {
            for (var i = 0; i < 5; i++) streams.Add(await EventStream.OpenAsync(api));
            // Five idle bearer streams and still every API request is answered: none keeps a connection or a thread.
            var me = await api.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var broadcaster = App.Services.GetRequiredService<RealtimeBroadcaster>();
            Assert.Equal(5, broadcaster.Connections().Count(c => c.UserId == user.Id && c.Token is not null));
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Logging_out_the_token_ends_its_stream_with_session_ended()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, user);
        await using var stream = await EventStream.OpenAsync(api);
        using var other = await ApiClient.LoginAsync(App, user);
        await using var otherStream = await EventStream.OpenAsync(other);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout")).StatusCode);

        var rest = await stream.UntilEndAsync(Revocation + TimeSpan.FromSeconds(1));
        Assert.NotNull(rest);
        Assert.Equal("session.ended", rest[^1].EventType);
        Assert.False(otherStream.Ended); // only the revoked token's stream
    }

    [Fact]
    public async Task Deactivating_the_user_ends_the_bearer_stream_within_5_seconds()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, user);
        await using var stream = await EventStream.OpenAsync(api);

        await App.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).IsActive = false;
            await db.SaveChangesAsync();
        });

        var rest = await stream.UntilEndAsync(Revocation + TimeSpan.FromSeconds(1));
        Assert.NotNull(rest);
        Assert.Equal("session.ended", rest[^1].EventType);
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Path), "user_not_found_or_inactive");
    }

    private async Task<(TestUser User, string Trigger)> RecipientAsync()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.api-stream." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(App, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        return (user, trigger);
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

[Collection(SqliteCollection.Name)] public sealed class ApiEventStreamTestsSqlite(SqlitePortal portal) : ApiEventStreamTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ApiEventStreamTestsMySql(MySqlPortal portal) : ApiEventStreamTests(portal);
