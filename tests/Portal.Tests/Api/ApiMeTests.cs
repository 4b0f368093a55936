using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Identity;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>
/// GET /api/v1/me (api.md §3.1 "user" shape). /me reuses the user row the bearer check read in the same request and
/// reads sectors and roles in one flat query: these tests pin the answer (order, active sectors only, administrator)
/// and that every change shows on the very next request (nothing is remembered between requests).
/// </summary>
public abstract class ApiMeTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Me = "/api/v1/me";

    [Fact]
    public async Task Me_lists_active_sectors_and_roles_by_sort_order_and_equals_the_login_user()
    {
        var first = await SectorAsync(sortOrder: 10);
        var second = await SectorAsync(sortOrder: 20);
        var inactive = await SectorAsync(sortOrder: 5, active: false);
        var roleLate = await RoleAsync(sortOrder: 30, grants: ["clients.view"]);
        var roleEarly = await RoleAsync(sortOrder: 1, grants: ["links.view"]);
        var user = await Users.CreateAsync();
        await AddAsync(user.Id, sectors: [second.Id, inactive.Id, first.Id], roles: [roleLate.Id, roleEarly.Id]);

        using var api = new ApiClient(App);
        var login = await ApiClient.ReadJsonAsync(await api.LoginRawAsync(user.Email, user.Password));
        api.Token = login.GetProperty("token").GetString();
        var me = await MeAsync(api);

        Assert.Equal(login.GetProperty("user").GetRawText(), me.GetRawText());
        Assert.Equal(["id", "email", "username", "fullName", "sectors", "roles", "permissions"], me.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(user.Username, me.GetProperty("username").GetString());
        Assert.Equal([first.Id, second.Id], Ids(me.GetProperty("sectors")));
        Assert.Equal([first.Name, second.Name], me.GetProperty("sectors").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([roleEarly.Id, roleLate.Id], Ids(me.GetProperty("roles")));
        Assert.Equal(["clients.view", "links.view"], Codes(me));
    }

    [Fact]
    public async Task Changes_to_the_user_and_an_administrator_role_show_on_the_next_request()
    {
        var sector = await SectorAsync(sortOrder: 10);
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        await AddAsync(user.Id, sectors: [sector.Id], roles: []);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        var before = await MeAsync(api);
        Assert.Equal(user.FullName, before.GetProperty("fullName").GetString());
        Assert.DoesNotContain("users.admin", Codes(before));

        await App.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.FullName = "Nome Trocado Agora";
            (await db.Sectors.SingleAsync(s => s.Id == sector.Id)).IsActive = false;
            var admin = await db.Roles.Where(r => r.IsAdministrator).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new UserRole { UserId = user.Id, RoleId = admin });
            await db.SaveChangesAsync();
        });

        var after = await MeAsync(api);
        Assert.Equal("Nome Trocado Agora", after.GetProperty("fullName").GetString());
        Assert.Empty(after.GetProperty("sectors").EnumerateArray());
        Assert.Contains(after.GetProperty("roles").EnumerateArray(), r => r.GetProperty("name").GetString() == "Administrador");
        // An administrator holds the whole catalog, sorted like every other list of codes.
        Assert.Equal(Permissions.All.Select(p => p.Code).Order(StringComparer.Ordinal).ToArray(), Codes(after));

        await App.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).IsActive = false;
            await db.SaveChangesAsync();
        });
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me), "user_not_found_or_inactive");
    }

    private static async Task<JsonElement> MeAsync(ApiClient api)
    {
        var response = await api.GetAsync(Me);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ApiClient.AssertNoStore(response);
        return await ApiClient.ReadJsonAsync(response);
    }

    private static long[] Ids(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

    private static string[] Codes(JsonElement me) => me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray();

    private async Task<NamedId> SectorAsync(int sortOrder, bool active = true)
    {
        var created = await AccessTestData.SectorAsync(App, active: active);
        await SetSortOrderAsync(db => db.Sectors.Where(s => s.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SortOrder, sortOrder)));
        return created;
    }

    private async Task<NamedId> RoleAsync(int sortOrder, string[] grants)
    {
        var created = await AccessTestData.RoleAsync(App, grants);
        await SetSortOrderAsync(db => db.Roles.Where(r => r.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SortOrder, sortOrder)));
        return created;
    }

    private Task SetSortOrderAsync(Func<Portal.Platform.Data.PortalDb, Task<int>> update) => App.WithDbAsync(async db => await update(db));

    private Task AddAsync(long userId, long[] sectors, long[] roles) => App.WithDbAsync(async db =>
    {
        foreach (var id in sectors) db.SectorMemberships.Add(new SectorMembership { UserId = userId, SectorId = id });
        foreach (var id in roles) db.UserRoles.Add(new UserRole { UserId = userId, RoleId = id });
        await db.SaveChangesAsync();
    });
}

[Collection(SqliteCollection.Name)] public sealed class ApiMeTestsSqlite(SqlitePortal portal) : ApiMeTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ApiMeTestsMySql(MySqlPortal portal) : ApiMeTests(portal);
