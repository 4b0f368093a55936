using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Features.Notifications;
using Portal.Platform.Authorization;
using Portal.Tests.Clients;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Platform;

/// <summary>
/// What every page reads — the session, the user's access, the bell, the client record — is cached under change stamps
/// (ADR-015, ADR-019).
/// A committed write must show on the very next request however it was made: here straight through the database,
/// bypassing every service.
/// </summary>
public abstract class RequestCacheTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task A_role_removed_in_the_database_is_enforced_on_the_next_request()
    {
        var role = await RoleAsync(App, [Permissions.UsersAdmin]);
        var user = await Users.CreateAsync(roles: [role.Name]);
        using var web = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/admin/usuarios")).StatusCode);

        await App.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == user.Id).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await web.GetAsync("/admin/usuarios")).StatusCode);

        // A grant given back through the role's permissions table works at once too.
        await App.WithDbAsync(async db =>
        {
            db.UserRoles.Add(new Portal.Platform.Identity.UserRole { UserId = user.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/admin/usuarios")).StatusCode);
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("deactivated")]
    [InlineData("stamp")]
    public async Task A_session_ended_in_the_database_is_refused_on_the_next_request(string how)
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var web = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/inicio")).StatusCode); // the session row now comes from the cache

        var stamp = Guid.NewGuid().ToString("N");
        await App.WithDbAsync(db => how switch
        {
            "revoked" => db.UserSessions.Where(s => s.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, DateTime.UtcNow)),
            "deactivated" => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)),
            _ => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, stamp)),
        });
        var response = await web.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bell_counts_a_notification_inserted_after_the_previous_page()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var web = await Users.LoginAsync(user);
        var before = int.Parse(Bell(await web.GetPageAsync("/inicio")).GetAttribute("data-unread")!);

        await App.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = user.Id, EventType = "system.test", Category = Portal.Platform.Contracts.NotificationCategory.Sistema, Title = "Aviso",
                Body = "Teste", DedupKey = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var bell = Bell(await web.GetPageAsync("/inicio"));
        Assert.Equal(before + 1, int.Parse(bell.GetAttribute("data-unread")!));

        await App.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, DateTime.UtcNow)));
        Assert.Equal("0", Bell(await web.GetPageAsync("/inicio")).GetAttribute("data-unread"));
    }

    [Fact]
    public async Task The_client_record_and_list_show_a_rename_made_in_the_database()
    {
        var client = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var web = await Users.LoginAsync(user);
        var (_, record) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Contains(client.Name, record.Body!.TextContent);

        var renamed = $"RENOMEADA {Guid.NewGuid():N}"[..30];
        await App.WithDbAsync(db => db.Clients().Where(c => c.Id == client.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, renamed)));
        (_, record) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Contains(renamed, record.Body!.TextContent);
        var (_, list) = await web.GetPageAsync($"/clientes?q={client.Code}&tipo=todos");
        Assert.Contains(renamed, list.Body!.TextContent);
    }

    private static AngleSharp.Dom.IElement Bell((HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument Doc) page) =>
        page.Doc.GetElementById("portal-bell") ?? throw new InvalidOperationException("no bell on the page");
}

[Collection(SqliteCollection.Name)] public sealed class RequestCacheTestsSqlite(SqlitePortal portal) : RequestCacheTests(portal);
[Collection(MySqlCollection.Name)] public sealed class RequestCacheTestsMySql(MySqlPortal portal) : RequestCacheTests(portal);
