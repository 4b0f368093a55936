using System.Text.Json;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Notifications.NotificationTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Notifications;

/// <summary>NTF-01 (stream part): a notification reaches its recipient's stream at once, and nobody else's.</summary>
public abstract class NotificationStreamTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task NTF01_the_recipients_stream_gets_the_notification_and_another_users_does_not()
    {
        var sector = await SectorAsync(App);
        var actor = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var a = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var b = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        await InsertAsync(App, a.Id, 2); // already unread: the count includes them
        using var aClient = await Users.LoginAsync(a);
        using var bClient = await Users.LoginAsync(b);
        await using var aStream = await EventStream.OpenAsync(aClient);
        await using var bStream = await EventStream.OpenAsync(bClient);
        var title = Unique("Conferir DARF");

        var id = await CreateAsync(App, actor, new TaskInput(title, SectorId: sector.Id, AssigneeId: a.Id));

        var data = await NextNotificationAsync(aStream, Soon);
        Assert.NotNull(data);
        var stored = Assert.Single(await OfAsync(App, a.Id, id));
        Assert.Equal(stored.Id, data.Value.GetProperty("id").GetInt64());
        Assert.Equal("Tarefa atribuída a você", data.Value.GetProperty("title").GetString());
        Assert.Equal($"{actor.FullName} atribuiu a você a tarefa “{title}”", data.Value.GetProperty("body").GetString());
        Assert.Equal(stored.Link, data.Value.GetProperty("link").GetString());
        Assert.Equal("Tarefas", data.Value.GetProperty("category").GetString());
        Assert.Equal(3, data.Value.GetProperty("unreadCount").GetInt32());
        Assert.True(data.Value.TryGetProperty("createdAt", out _));
        Assert.Null(await NextNotificationAsync(bStream, TimeSpan.FromMilliseconds(500)));
    }

    private static async Task<JsonElement?> NextNotificationAsync(EventStream stream, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await stream.NextAsync(deadline - DateTime.UtcNow) is not { } item) return null;
            if (item.EventType == "notification") return JsonDocument.Parse(item.Data).RootElement.Clone();
        }
        return null;
    }
}

[Collection(SqliteCollection.Name)] public sealed class NotificationStreamTestsSqlite(SqlitePortal portal) : NotificationStreamTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationStreamTestsMySql(MySqlPortal portal) : NotificationStreamTests(portal);
