using System.Net;
using System.Text.Json;
using Portal.Platform.Contracts;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Notifications;

/// <summary>The bell, the center page and the web endpoints (notifications.md §6, §8, §9).</summary>
public abstract class NotificationCenterTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task The_bell_shows_the_unread_count_capped_at_99_plus()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var (_, empty) = await client.GetPageAsync("/inicio");
        Assert.NotNull(empty.QuerySelector("#portal-bell"));
        Assert.True(empty.QuerySelector("#portal-bell-badge")!.HasAttribute("hidden"));

        await InsertAsync(App, user.Id, 3);
        var (_, three) = await client.GetPageAsync("/inicio");
        Assert.StartsWith("3", three.QuerySelector("#portal-bell-badge")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.False(three.QuerySelector("#portal-bell-badge")!.HasAttribute("hidden"));

        await InsertAsync(App, user.Id, 100);
        var (_, many) = await client.GetPageAsync("/inicio");
        Assert.StartsWith("99+", many.QuerySelector("#portal-bell-badge")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_lists_the_20_latest_as_html_or_json()
    {
        var user = await Users.CreateAsync();
        await InsertAsync(App, user.Id, 22, title: "Aviso antigo");
        var newest = (await InsertAsync(App, user.Id, 1, title: "Aviso mais novo"))[0];
        using var client = await Users.LoginAsync(user);

        var (response, doc) = await HxGetAsync(client, "/notificacoes/recentes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20, doc.QuerySelectorAll("form[action$='/abrir']").Length);
        // Plain forms work without JavaScript: each carries its antiforgery token.
        Assert.All(doc.QuerySelectorAll("form[method=post]"), f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        Assert.Contains("Aviso mais novo", doc.QuerySelector("form[action$='/abrir']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("23", doc.QuerySelector("[data-unread]")!.GetAttribute("data-unread"));
        Assert.Contains("Marcar todas como lidas", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("a[href='/notificacoes']"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/notificacoes/recentes");
        request.Headers.Accept.ParseAdd("application/json");
        using var json = JsonDocument.Parse(await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal(23, json.RootElement.GetProperty("unread").GetInt32());
        Assert.Equal(20, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(newest.Id, json.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_center_pages_by_50_and_filters_unread_category_and_period()
    {
        var user = await Users.CreateAsync();
        await InsertAsync(App, user.Id, 55, readAt: DateTime.UtcNow);
        await InsertAsync(App, user.Id, 2, category: NotificationCategory.Sistema, title: "Backup falhou");
        await InsertAsync(App, user.Id, 1, createdAt: DateTime.UtcNow.AddDays(-40), title: "Aviso de outubro");
        using var client = await Users.LoginAsync(user);

        var (_, first) = await client.GetPageAsync("/notificacoes");
        Assert.Equal(50, first.QuerySelectorAll("#notificacoes-lista > li").Length);
        var (_, second) = await client.GetPageAsync("/notificacoes?page=2");
        Assert.Equal(8, second.QuerySelectorAll("#notificacoes-lista > li").Length);

        var (_, unread) = await client.GetPageAsync("/notificacoes?naoLidas=true");
        Assert.Equal(3, unread.QuerySelectorAll("#notificacoes-lista > li").Length);
        var (_, system) = await client.GetPageAsync("/notificacoes?categoria=Sistema");
        Assert.Equal(2, system.QuerySelectorAll("#notificacoes-lista > li").Length);
        var from = DateTime.UtcNow.AddDays(-45).ToString("yyyy-MM-dd");
        var to = DateTime.UtcNow.AddDays(-35).ToString("yyyy-MM-dd");
        var (_, period) = await client.GetPageAsync($"/notificacoes?de={from}&ate={to}");
        Assert.Contains("Aviso de outubro", Assert.Single(period.QuerySelectorAll("#notificacoes-lista > li")).TextContent, StringComparison.Ordinal);

        var (_, none) = await client.GetPageAsync("/notificacoes?categoria=Financeiro");
        Assert.Contains("Nenhuma notificação encontrada com esses filtros", none.QuerySelector("#notificacoes-vazio")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_notifications_the_center_says_what_will_appear()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var (response, doc) = await client.GetPageAsync("/notificacoes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Você não tem notificações", doc.QuerySelector("#notificacoes-vazio")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NTF03_marking_another_users_notification_returns_404_and_changes_nothing()
    {
        var owner = await Users.CreateAsync();
        var intruder = await Users.CreateAsync();
        var theirs = (await InsertAsync(App, owner.Id, 1))[0];
        using var client = await Users.LoginAsync(intruder);

        var response = await client.PostFormAsync("/notificacoes", $"/notificacoes/{theirs.Id}/lida", []);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var open = await client.PostFormAsync("/notificacoes", $"/notificacoes/{theirs.Id}/abrir", []);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Null(Assert.Single(await OfAsync(App, owner.Id)).ReadAt);
    }

    [Fact]
    public async Task Mark_one_mark_all_and_open_mark_read()
    {
        var user = await Users.CreateAsync();
        var rows = await InsertAsync(App, user.Id, 3);
        using var client = await Users.LoginAsync(user);

        var one = await client.PostFormAsync("/notificacoes", $"/notificacoes/{rows[0].Id}/lida", [new("voltar", "/notificacoes?naoLidas=true")]);
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal("/notificacoes?naoLidas=true", one.Headers.Location!.OriginalString);

        var open = await client.PostFormAsync("/notificacoes", $"/notificacoes/{rows[1].Id}/abrir", []);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/tarefas/minhas", open.Headers.Location!.OriginalString);
        var states = await OfAsync(App, user.Id);
        Assert.NotNull(states[0].ReadAt);
        Assert.NotNull(states[1].ReadAt);
        Assert.Null(states[2].ReadAt);

        var all = await HxPostAsync(client, "/notificacoes", "/notificacoes/lidas");
        Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        using var trigger = JsonDocument.Parse(all.Headers.GetValues("HX-Trigger").Single());
        Assert.Equal(0, trigger.RootElement.GetProperty("portal:notifications-changed").GetProperty("unread").GetInt32());
        Assert.Equal("Notificações marcadas como lidas.", Toast(all).Message);
        Assert.All(await OfAsync(App, user.Id), n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_refused()
    {
        var user = await Users.CreateAsync();
        var row = (await InsertAsync(App, user.Id, 1))[0];
        using var client = await Users.LoginAsync(user);
        var response = await client.PostWithoutTokenAsync($"/notificacoes/{row.Id}/lida");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Assert.Single(await OfAsync(App, user.Id)).ReadAt);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login()
    {
        using var client = App.NewClient();
        foreach (var url in new[] { "/notificacoes", "/notificacoes/recentes" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var post = await client.PostWithoutTokenAsync("/notificacoes/lidas");
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, post.StatusCode);
    }
}

[Collection(SqliteCollection.Name)] public sealed class NotificationCenterTestsSqlite(SqlitePortal portal) : NotificationCenterTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationCenterTestsMySql(MySqlPortal portal) : NotificationCenterTests(portal);
