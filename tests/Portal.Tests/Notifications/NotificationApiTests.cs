using System.Net;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>/api/v1/notifications (notifications.md §9).</summary>
public abstract class NotificationApiTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Lists_the_callers_notifications_with_paging_and_the_unread_total()
    {
        var user = await Users.CreateAsync();
        var other = await Users.CreateAsync();
        await InsertAsync(App, user.Id, 3, readAt: DateTime.UtcNow);
        var unread = await InsertAsync(App, user.Id, 2, category: Portal.Platform.Contracts.NotificationCategory.Sistema);
        await InsertAsync(App, other.Id, 4);
        using var api = await ApiClient.LoginAsync(App, user);

        var page = await ApiClient.ReadJsonAsync(await api.GetAsync("/api/v1/notifications?page=1&pageSize=2"));
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("unread").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        var first = page.GetProperty("items")[0];
        Assert.Equal(unread[1].Id, first.GetProperty("id").GetInt64());
        Assert.Equal("Sistema", first.GetProperty("category").GetString());
        Assert.Equal("test.inserted", first.GetProperty("eventType").GetString());
        Assert.Equal(JsonValueKindNull, first.GetProperty("readAt").ValueKind);

        var onlyUnread = await ApiClient.ReadJsonAsync(await api.GetAsync("/api/v1/notifications?unread=true"));
        Assert.Equal(2, onlyUnread.GetProperty("total").GetInt32());
        var system = await ApiClient.ReadJsonAsync(await api.GetAsync("/api/v1/notifications?category=Sistema"));
        Assert.Equal(2, system.GetProperty("total").GetInt32());

        var count = await ApiClient.ReadJsonAsync(await api.GetAsync("/api/v1/notifications/unread-count"));
        Assert.Equal(2, count.GetProperty("unread").GetInt32());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Bad_filters_answer_400_with_field_messages()
    {
        var user = await Users.CreateAsync();
        using var api = await ApiClient.LoginAsync(App, user);
        var response = await api.GetAsync("/api/v1/notifications?unread=talvez&category=Nada&page=x");
        var error = await ApiClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(error.Fields);
        Assert.Contains("unread", error.Fields!.Keys);
        Assert.Contains("category", error.Fields.Keys);
        Assert.Contains("page", error.Fields.Keys);
    }

    [Fact]
    public async Task Read_marks_the_given_ids_ignoring_other_users_and_all_when_omitted()
    {
        var user = await Users.CreateAsync();
        var other = await Users.CreateAsync();
        var mine = await InsertAsync(App, user.Id, 3);
        var theirs = (await InsertAsync(App, other.Id, 1))[0];
        using var api = await ApiClient.LoginAsync(App, user);

        var some = await ApiClient.ReadJsonAsync(await api.PostAsync("/api/v1/notifications/read", new { ids = new[] { mine[0].Id, theirs.Id } }));
        Assert.Equal(1, some.GetProperty("updated").GetInt32());
        Assert.Null(Assert.Single(await OfAsync(App, other.Id)).ReadAt);

        var rest = await ApiClient.ReadJsonAsync(await api.PostAsync("/api/v1/notifications/read", new { }));
        Assert.Equal(2, rest.GetProperty("updated").GetInt32());
        Assert.All(await OfAsync(App, user.Id), n => Assert.NotNull(n.ReadAt));
        Assert.Null(Assert.Single(await OfAsync(App, other.Id)).ReadAt);

        var bad = await api.PostAsync("/api/v1/notifications/read", new { ids = "todas" });
        var error = await ApiClient.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("ids", error.Fields!.Keys);
    }

    [Fact]
    public async Task Without_a_token_every_endpoint_answers_401()
    {
        using var api = new ApiClient(App);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/notifications/unread-count")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/notifications/read", new { })).StatusCode);
    }
}

[Collection(SqliteCollection.Name)] public sealed class NotificationApiTestsSqlite(SqlitePortal portal) : NotificationApiTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationApiTestsMySql(MySqlPortal portal) : NotificationApiTests(portal);
