using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Identity;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Tasks;

/// <summary>Task events on the real-time stream (tasks.md §8, notifications.md §5, TSK-21, TSK-28).</summary>
public abstract class TaskRealtimeTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_member_viewing_the_sector_receives_the_status_change_within_2_seconds()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var viewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var id = await CreateAsync(App, creator, new TaskInput(Unique("Apuração"), SectorId: sector.Id));
        using var client = await Users.LoginAsync(viewer);
        await using var stream = await EventStream.OpenAsync(client);

        await ChangeStatusAsync(App, creator, id, TaskItemStatus.InProgress);

        var received = await stream.NextTaskEventAsync(id, Soon);
        Assert.NotNull(received);
        Assert.Equal("task.status_changed", received.Value.Type);
        Assert.Equal(sector.Id, received.Value.Data.GetProperty("sectorId").GetInt64());
        Assert.Equal("InProgress", received.Value.Data.GetProperty("status").GetString());
        var task = await LoadAsync(App, id);
        Assert.Equal(task.Version, received.Value.Data.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_spec_path_eventos_stream_serves_the_same_stream()
    {
        var sector = await SectorAsync(App);
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var id = await CreateAsync(App, user, new TaskInput(Unique("Folha"), SectorId: sector.Id));
        using var client = await Users.LoginAsync(user);
        await using var stream = await EventStream.OpenAsync(client, "/eventos/stream");

        await AsUserAsync(App, user, s => s.AddCommentAsync(id, "<p>Conferido.</p>"));
        Assert.Equal("task.comment_created", (await stream.NextTaskEventAsync(id, Soon))?.Type);
    }

    [Fact]
    public async Task Users_who_cannot_see_the_task_receive_nothing_about_it()
    {
        var sector = await SectorAsync(App);
        var other = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: [other.Name]);
        var colleague = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var sectorTask = await CreateAsync(App, creator, new TaskInput(Unique("Balancete"), SectorId: sector.Id));
        var privateTask = await CreateAsync(App, creator, new TaskInput(Unique("Lembrete"), IsPrivate: true));
        using var outsiderClient = await Users.LoginAsync(outsider);
        using var colleagueClient = await Users.LoginAsync(colleague);
        using var creatorClient = await Users.LoginAsync(creator);
        await using var outsiderStream = await EventStream.OpenAsync(outsiderClient);
        await using var colleagueStream = await EventStream.OpenAsync(colleagueClient);
        await using var creatorStream = await EventStream.OpenAsync(creatorClient);

        await ChangeStatusAsync(App, creator, sectorTask, TaskItemStatus.InProgress);
        await ChangeStatusAsync(App, creator, privateTask, TaskItemStatus.InProgress);
        // A control event the outsider does see: whatever arrives before it was sent before it.
        var control = await CreateAsync(App, outsider, new TaskInput(Unique("Controle"), SectorId: other.Id));

        var first = await outsiderStream.NextTaskEventAsync(control, Soon);
        Assert.Equal("task.created", first?.Type);
        Assert.Equal("task.status_changed", (await creatorStream.NextTaskEventAsync(privateTask, Soon))?.Type);
        // The colleague sees the sector task but never the creator's private one.
        Assert.Equal("task.status_changed", (await colleagueStream.NextTaskEventAsync(sectorTask, Soon))?.Type);
        Assert.Null(await colleagueStream.NextTaskEventAsync(privateTask, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task The_outsider_stream_skips_events_of_tasks_it_cannot_see()
    {
        var sector = await SectorAsync(App);
        var other = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: [other.Name]);
        var id = await CreateAsync(App, creator, new TaskInput(Unique("Balancete"), SectorId: sector.Id));
        using var client = await Users.LoginAsync(outsider);
        await using var stream = await EventStream.OpenAsync(client);

        await ChangeStatusAsync(App, creator, id, TaskItemStatus.InProgress);
        var control = await CreateAsync(App, outsider, new TaskInput(Unique("Controle"), SectorId: other.Id));

        // Everything up to the control event: nothing about the other sector's task.
        var items = new List<string>();
        while (await stream.NextAsync(Soon) is { } item)
        {
            items.Add(item.EventType + " " + item.Data);
            if (item.Data.Contains($"\"taskId\":{control},", StringComparison.Ordinal)) break;
        }
        Assert.Contains(items, i => i.StartsWith("task.created", StringComparison.Ordinal) && i.Contains($"\"taskId\":{control},", StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.Contains($"\"taskId\":{id},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transfer_reaches_the_old_sector_so_the_card_leaves_its_board()
    {
        var fiscal = await SectorAsync(App);
        var contabil = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);
        var fiscalViewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);
        var contabilViewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: [contabil.Name]);
        var id = await CreateAsync(App, creator, new TaskInput(Unique("Guia"), SectorId: fiscal.Id));
        using var fiscalClient = await Users.LoginAsync(fiscalViewer);
        using var contabilClient = await Users.LoginAsync(contabilViewer);
        await using var fiscalStream = await EventStream.OpenAsync(fiscalClient);
        await using var contabilStream = await EventStream.OpenAsync(contabilClient);

        var result = await AsUserAsync(App, creator, s => s.TransferAsync(id, contabil.Id, null));
        Assert.True(result.Succeeded, result.Message);

        var old = await fiscalStream.NextTaskEventAsync(id, Soon);
        Assert.Equal("task.transferred", old?.Type);
        Assert.Equal(contabil.Id, old!.Value.Data.GetProperty("sectorId").GetInt64());
        Assert.Equal("task.transferred", (await contabilStream.NextTaskEventAsync(id, Soon))?.Type);
    }

    [Fact]
    public async Task A_seventh_stream_of_the_same_user_closes_the_oldest()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var streams = new List<EventStream>();
        try
        {
            for (var i = 0; i < 7; i++) streams.Add(await EventStream.OpenAsync(client));
            var rest = await streams[0].UntilEndAsync(TimeSpan.FromSeconds(2));
            Assert.NotNull(rest);
            Assert.Equal("closed", rest[^1].EventType);
            Assert.False(streams[1].Ended);
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Anonymous_requests_get_the_login_redirect_not_a_stream()
    {
        using var client = App.NewClient();
        using var response = await client.Http.GetAsync("/eventos", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.OriginalString);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Revoking_the_session_ends_the_stream_within_5_seconds()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        await using var stream = await EventStream.OpenAsync(client);

        await App.WithScopeAsync(sp => sp.GetRequiredService<SessionService>().RevokeAllAsync(user.Id, SessionRevokeReasons.Admin));

        var rest = await stream.UntilEndAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(rest);
        Assert.Equal("session.ended", rest[^1].EventType);
    }

    [Fact]
    public async Task Deactivating_the_user_ends_the_stream_within_5_seconds()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        await using var stream = await EventStream.OpenAsync(client);

        await App.WithDbAsync(async db =>
        {
            var row = await db.Users.FindAsync(user.Id);
            row!.IsActive = false;
            await db.SaveChangesAsync();
        });

        var rest = await stream.UntilEndAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(rest);
        Assert.Equal("session.ended", rest[^1].EventType);
    }
}

[Collection(SqliteCollection.Name)] public sealed class TaskRealtimeTestsSqlite(SqlitePortal portal) : TaskRealtimeTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TaskRealtimeTestsMySql(MySqlPortal portal) : TaskRealtimeTests(portal);
