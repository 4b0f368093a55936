using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Identity;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>/api/v1 users, sectors, roles and permissions (identity.md §11; api.md §2, API-12…API-15).</summary>
public abstract class IdentityApiTests(SharedPortal portal) : IntegrationTest(portal)
{
    // ---- API-12: authorization and visibility -----------------------------------------------------------------

    [Fact]
    public async Task Gestor_without_users_admin_gets_403_on_patch_and_post_and_the_user_is_unchanged()
    {
        var target = await Users.CreateAsync(roles: ["Colaborador"]);
        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var api = await ApiClient.LoginAsync(App, gestor);

        var patch = await api.PatchAsync($"/api/v1/users/{target.Id}", new { fullName = "Nome Trocado" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Equal("forbidden", (await Json(patch)).GetProperty("error").GetString());
        var post = await api.PostAsync("/api/v1/users", new { email = "x" + target.Email, username = "x" + target.Username, fullName = "Outra" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target.Id));
        Assert.Equal(target.FullName, stored.FullName);
        Assert.Equal(1, stored.Version);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == "x" + target.Username)));
    }

    [Fact]
    public async Task Tasks_access_caller_sees_active_users_by_name_only_and_404_for_inactive_ones()
    {
        var token = Token();
        var active = await CreateUserAsync($"Ativo {token}", $"at{token}");
        var inactive = await CreateUserAsync($"Inativo {token}", $"in{token}", isActive: false);
        var colaborador = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, colaborador);

        var one = await api.GetAsync($"/api/v1/users/{active}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var body = await Json(one);
        Assert.Equal(["id", "username", "fullName"], body.EnumerateObject().Select(p => p.Name).ToArray());

        var hidden = await api.GetAsync($"/api/v1/users/{inactive}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("not_found", (await Json(hidden)).GetProperty("error").GetString());

        var list = await Json(await api.GetAsync($"/api/v1/users?q={token}&active=false"));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        list = await Json(await api.GetAsync($"/api/v1/users?q={token}"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var item = list.GetProperty("items")[0];
        Assert.Equal(active, item.GetProperty("id").GetInt64());
        Assert.False(item.TryGetProperty("email", out _));
        // Searching by e-mail would reveal e-mails to callers who may not see them.
        var byEmail = await Json(await api.GetAsync($"/api/v1/users?q={Uri.EscapeDataString($"at{token}@teste")}"));
        Assert.Equal(0, byEmail.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Caller_without_users_admin_or_tasks_access_gets_403_on_the_user_list()
    {
        var rooms = await Users.CreateAsync(roles: ["Somente Sala de Reuniões"]);
        using var api = await ApiClient.LoginAsync(App, rooms);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/users/{rooms.Id}")).StatusCode);
    }

    // ---- API-13: concurrency --------------------------------------------------------------------------------

    [Fact]
    public async Task Patch_requires_if_match_answers_412_with_the_current_user_when_stale_and_audits_with_channel_api()
    {
        var target = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);

        var get = await api.GetAsync($"/api/v1/users/{target.Id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        var missing = await api.PatchAsync($"/api/v1/users/{target.Id}", new { fullName = "Sem Versão" });
        Assert.Equal(428, (int)missing.StatusCode);
        Assert.Equal("precondition_required", (await Json(missing)).GetProperty("error").GetString());

        var ok = await api.PatchAsync($"/api/v1/users/{target.Id}", new { fullName = "Nome Novo Pela API" }, etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag!.Tag);
        var updated = await Json(ok);
        Assert.Equal("Nome Novo Pela API", updated.GetProperty("fullName").GetString());
        Assert.Equal(target.Email, updated.GetProperty("email").GetString()); // absent fields keep their values

        var stale = await api.PatchAsync($"/api/v1/users/{target.Id}", new { fullName = "Atrasado" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var conflict = await Json(stale);
        Assert.Equal("precondition_failed", conflict.GetProperty("error").GetString());
        Assert.Equal("Nome Novo Pela API", conflict.GetProperty("current").GetProperty("fullName").GetString());
        Assert.Equal(2, conflict.GetProperty("current").GetProperty("version").GetInt32());

        // "version" in the body instead of If-Match.
        var byBody = await api.PatchAsync($"/api/v1/users/{target.Id}", new { version = 2, isActive = false });
        Assert.Equal(HttpStatusCode.OK, byBody.StatusCode);

        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target.Id));
        Assert.Equal("Nome Novo Pela API", stored.FullName);
        Assert.False(stored.IsActive);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ResourceType == "User" && a.ResourceId == target.Id.ToString() && a.Action == "user_updated").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(AuditChannels.Api, entry.Channel);
        Assert.Equal(Users.Administrator.Id, entry.ActorUserId);
        Assert.False(string.IsNullOrEmpty(entry.TokenId));
        Assert.Contains("Nome Novo Pela API", entry.ChangesJson, StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.ResourceId == target.Id.ToString() && a.Action == "user_deactivated" && a.Channel == AuditChannels.Api)));
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent_and_validates_them()
    {
        var sector = await AccessTestData.SectorAsync(App);
        var target = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);

        var invalid = await api.PatchAsync($"/api/v1/users/{target.Id}",
            new { email = "sem-arroba", fullName = (string?)null, isActive = "sim" }, "\"1\"");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = (await Json(invalid)).GetProperty("fields");
        Assert.Equal("Valor inválido.", fields.GetProperty("isActive")[0].GetString());

        var bad = await api.PatchAsync($"/api/v1/users/{target.Id}", new { email = "sem-arroba", fullName = (string?)null }, "\"1\"");
        fields = (await Json(bad)).GetProperty("fields");
        Assert.Equal("E-mail inválido.", fields.GetProperty("email")[0].GetString());
        Assert.Equal("Campo obrigatório.", fields.GetProperty("fullName")[0].GetString());

        var ok = await api.PatchAsync($"/api/v1/users/{target.Id}", new { sectorIds = new[] { sector.Id } }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await Json(ok);
        Assert.Equal([sector.Id], body.GetProperty("sectorIds").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        Assert.Equal(target.FullName, body.GetProperty("fullName").GetString());
        Assert.Single(body.GetProperty("roleIds").EnumerateArray());
    }

    // ---- API-14: paging -------------------------------------------------------------------------------------

    [Fact]
    public async Task PageSize_above_200_is_clamped_and_total_is_exact()
    {
        var token = Token();
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 205; i++)
                db.Users.Add(new User { FullName = $"Página {token} {i:000}", Username = $"pg{i:000}{token}", Email = $"pg{i:000}{token}@teste.local" });
            await db.SaveChangesAsync();
        });
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);

        var page1 = await Json(await api.GetAsync($"/api/v1/users?q={token}&pageSize=1000"));
        Assert.Equal(200, page1.GetProperty("pageSize").GetInt32());
        Assert.Equal(205, page1.GetProperty("total").GetInt32());
        Assert.Equal(200, page1.GetProperty("items").GetArrayLength());
        Assert.Equal($"Página {token} 000", page1.GetProperty("items")[0].GetProperty("fullName").GetString());

        var page2 = await Json(await api.GetAsync($"/api/v1/users?q={token}&pageSize=1000&page=2"));
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(5, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(205, page2.GetProperty("total").GetInt32());

        var small = await Json(await api.GetAsync($"/api/v1/users?q={token}&pageSize=1"));
        Assert.Equal(1, small.GetProperty("items").GetArrayLength());
        var first = small.GetProperty("items")[0];
        Assert.EndsWith("@teste.local", first.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task List_filters_by_sector_and_active()
    {
        var token = Token();
        var sector = await AccessTestData.SectorAsync(App);
        var member = await CreateUserAsync($"Membro {token}", $"mb{token}", sectorId: sector.Id);
        var formerMember = await CreateUserAsync($"Ex-membro {token}", $"ex{token}", sectorId: sector.Id, isActive: false);
        await CreateUserAsync($"Fora {token}", $"fo{token}");
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);

        var bySector = await Json(await api.GetAsync($"/api/v1/users?sectorId={sector.Id}"));
        Assert.Equal([member, formerMember], Ids(bySector.GetProperty("items")));
        var activeOnly = await Json(await api.GetAsync($"/api/v1/users?sectorId={sector.Id}&active=true"));
        Assert.Equal([member], Ids(activeOnly.GetProperty("items")));
        var inactiveOnly = await Json(await api.GetAsync($"/api/v1/users?q={token}&active=false"));
        Assert.Equal([formerMember], Ids(inactiveOnly.GetProperty("items")));
    }

    // ---- POST /users and API-15 -----------------------------------------------------------------------------

    [Fact]
    public async Task Create_answers_201_with_location_and_audits_with_channel_api()
    {
        var token = Token();
        var sector = await AccessTestData.SectorAsync(App);
        var colaboradorId = await App.WithDbAsync(db => db.Roles.Where(r => r.Name == "Colaborador").Select(r => r.Id).SingleAsync());
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);

        var response = await api.PostAsync("/api/v1/users", new
        {
            email = $"Novo{token}@Teste.Local", username = $"novo{token}", fullName = $"Pessoa Nova {token}",
            sectorIds = new[] { sector.Id }, roleIds = new[] { colaboradorId }, temporaryPassword = "uma senha temporária 2026",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal($"novo{token}@teste.local", body.GetProperty("email").GetString());
        Assert.Equal([sector.Id], body.GetProperty("sectorIds").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        Assert.Equal([colaboradorId], body.GetProperty("roleIds").EnumerateArray().Select(e => e.GetInt64()).ToArray());

        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.True(stored.MustChangePassword);
        Assert.True(stored.IsActive);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "user_created" && a.ResourceId == id.ToString()));
        Assert.Equal(AuditChannels.Api, audit.Channel);
        Assert.Equal(Users.Administrator.Id, audit.ActorUserId);

        var fetched = await api.GetAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Fact]
    public async Task Invalid_email_answers_400_with_fields_keyed_by_json_name()
    {
        var token = Token();
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);
        var response = await api.PostAsync("/api/v1/users", new { email = "não-é-email", username = $"inv{token}", fullName = "Pessoa Válida" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("validation_failed", body.GetProperty("error").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        var field = Assert.Single(body.GetProperty("fields").EnumerateObject());
        Assert.Equal("email", field.Name);
        Assert.Equal(["E-mail inválido."], field.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == $"inv{token}")));
    }

    [Fact]
    public async Task Duplicate_username_and_weak_password_are_field_errors()
    {
        var existing = await Users.CreateAsync();
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);
        var response = await api.PostAsync("/api/v1/users", new
        {
            email = "outro" + existing.Email, username = existing.Username.ToUpperInvariant(), fullName = "Pessoa Repetida",
            temporaryPassword = "curta",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await Json(response)).GetProperty("fields");
        Assert.Equal("Já existe um usuário com este nome de usuário.", fields.GetProperty("username")[0].GetString());
        Assert.NotEmpty(fields.GetProperty("temporaryPassword").EnumerateArray());
        Assert.False(fields.TryGetProperty("password", out _));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "outro" + existing.Email)));

        var missing = await Json(await api.PostAsync("/api/v1/users", new { }));
        Assert.Equal("Campo obrigatório.", missing.GetProperty("fields").GetProperty("email")[0].GetString());
        Assert.Equal("Campo obrigatório.", missing.GetProperty("fields").GetProperty("username")[0].GetString());
        Assert.Equal("Campo obrigatório.", missing.GetProperty("fields").GetProperty("fullName")[0].GetString());
    }

    [Fact]
    public async Task Users_admin_holder_who_is_not_administrador_cannot_grant_or_touch_the_administrador_role()
    {
        var token = Token();
        var role = await AccessTestData.RoleAsync(App, ["users.admin"]);
        var manager = await Users.CreateAsync(roles: [role.Name]);
        var adminRoleId = await App.WithDbAsync(db => db.Roles.Where(r => r.IsAdministrator).Select(r => r.Id).SingleAsync());
        var plain = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, manager);

        var create = await api.PostAsync("/api/v1/users",
            new { email = $"adm{token}@teste.local", username = $"adm{token}", fullName = "Quase Administrador", roleIds = new[] { adminRoleId } });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == $"adm{token}")));

        var promote = await api.PatchAsync($"/api/v1/users/{plain.Id}", new { roleIds = new[] { adminRoleId } }, "\"1\"");
        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        var editAdmin = await api.PatchAsync($"/api/v1/users/{Users.Administrator.Id}", new { fullName = "Renomeado" }, "\"1\"");
        Assert.Equal(HttpStatusCode.Forbidden, editAdmin.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.UserRoles.AnyAsync(ur => ur.UserId == plain.Id && ur.RoleId == adminRoleId)));

        // The same holder may create ordinary users.
        var ordinary = await api.PostAsync("/api/v1/users", new { email = $"ok{token}@teste.local", username = $"ok{token}", fullName = "Pessoa Comum" });
        Assert.Equal(HttpStatusCode.Created, ordinary.StatusCode);
    }

    // ---- sectors, roles, permissions ------------------------------------------------------------------------

    [Fact]
    public async Task Sectors_list_shows_inactive_sectors_only_to_users_admin()
    {
        var inactive = await AccessTestData.SectorAsync(App, active: false);
        var active = await AccessTestData.SectorAsync(App);
        var colaborador = await Users.CreateAsync(roles: ["Colaborador"]);
        using var user = await ApiClient.LoginAsync(App, colaborador);
        using var admin = await ApiClient.LoginAsync(App, Users.Administrator);

        var forUser = (await Json(await user.GetAsync("/api/v1/sectors"))).EnumerateArray().ToList();
        Assert.Contains(forUser, s => s.GetProperty("id").GetInt64() == active.Id);
        Assert.DoesNotContain(forUser, s => s.GetProperty("id").GetInt64() == inactive.Id);
        Assert.All(forUser, s => Assert.True(s.GetProperty("isActive").GetBoolean()));

        var forAdmin = (await Json(await admin.GetAsync("/api/v1/sectors"))).EnumerateArray().ToList();
        var shown = Assert.Single(forAdmin, s => s.GetProperty("id").GetInt64() == inactive.Id);
        Assert.False(shown.GetProperty("isActive").GetBoolean());
        Assert.Equal(inactive.Name, shown.GetProperty("name").GetString());
        Assert.Equal("#123456", shown.GetProperty("color").GetString());
        Assert.True(shown.GetProperty("hasTaskBoard").GetBoolean());
    }

    [Fact]
    public async Task Sector_members_lists_active_members_and_404_for_unknown_or_inactive_sectors()
    {
        var token = Token();
        var sector = await AccessTestData.SectorAsync(App);
        var inactiveSector = await AccessTestData.SectorAsync(App, active: false);
        var b = await CreateUserAsync($"Bruno {token}", $"br{token}", sectorId: sector.Id);
        var a = await CreateUserAsync($"Ana {token}", $"an{token}", sectorId: sector.Id);
        await CreateUserAsync($"Carla {token}", $"ca{token}", sectorId: sector.Id, isActive: false);
        var colaborador = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, colaborador);

        var response = await api.GetAsync($"/api/v1/sectors/{sector.Id}/members");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var members = (await Json(response)).EnumerateArray().ToList();
        Assert.Equal([a, b], members.Select(m => m.GetProperty("id").GetInt64()).ToArray());
        Assert.Equal(["id", "username", "fullName"], members[0].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal($"an{token}", members[0].GetProperty("username").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/sectors/{inactiveSector.Id}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/sectors/999999999/members")).StatusCode);

        var rooms = await Users.CreateAsync(roles: ["Somente Sala de Reuniões"]);
        using var noTasks = await ApiClient.LoginAsync(App, rooms);
        Assert.Equal(HttpStatusCode.Forbidden, (await noTasks.GetAsync($"/api/v1/sectors/{sector.Id}/members")).StatusCode);
    }

    [Fact]
    public async Task Roles_and_permissions_are_for_users_admin_only()
    {
        var role = await AccessTestData.RoleAsync(App, ["clients.view", "tasks.access"]);
        using var admin = await ApiClient.LoginAsync(App, Users.Administrator);

        var roles = (await Json(await admin.GetAsync("/api/v1/roles"))).EnumerateArray().ToList();
        var mine = Assert.Single(roles, r => r.GetProperty("id").GetInt64() == role.Id);
        Assert.Equal(role.Name, mine.GetProperty("name").GetString());
        Assert.False(mine.GetProperty("isAdministrator").GetBoolean());
        Assert.Equal(["clients.view", "tasks.access"], mine.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var administrador = Assert.Single(roles, r => r.GetProperty("isAdministrator").GetBoolean());
        Assert.Contains(administrador.GetProperty("permissions").EnumerateArray(), p => p.GetString() == "users.admin");

        var catalog = (await Json(await admin.GetAsync("/api/v1/permissions"))).EnumerateArray().ToList();
        var usersAdmin = Assert.Single(catalog, p => p.GetProperty("code").GetString() == "users.admin");
        Assert.Equal("Administração", usersAdmin.GetProperty("module").GetString());
        Assert.False(string.IsNullOrEmpty(usersAdmin.GetProperty("description").GetString()));

        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var api = await ApiClient.LoginAsync(App, gestor);
        foreach (var url in new[] { "/api/v1/roles", "/api/v1/permissions" })
        {
            var denied = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("forbidden", (await Json(denied)).GetProperty("error").GetString());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    private static long[] Ids(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A user inserted directly (no password: only listed, never signed in).</summary>
    private async Task<long> CreateUserAsync(string fullName, string username, long? sectorId = null, bool isActive = true)
    {
        var user = new User { FullName = fullName, Username = username, Email = username + "@teste.local", IsActive = isActive };
        if (sectorId is long id) user.Sectors.Add(new SectorMembership { SectorId = id });
        await App.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return user.Id;
    }
}

[Collection(SqliteCollection.Name)] public sealed class IdentityApiTestsSqlite(SqlitePortal portal) : IdentityApiTests(portal);
[Collection(MySqlCollection.Name)] public sealed class IdentityApiTestsMySql(MySqlPortal portal) : IdentityApiTests(portal);
