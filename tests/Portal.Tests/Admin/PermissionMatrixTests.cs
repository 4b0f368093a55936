using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Admin;

/// <summary>/admin/permissoes (identity.md §10; IDN-22: every toggle is audited with code, grantee and actor).</summary>
public abstract class PermissionMatrixTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static string Toggle(string code, string grantee, long id, bool grant) =>
        $"/admin/permissoes?handler=Toggle&code={Uri.EscapeDataString(code)}&{grantee}={id}&grant={(grant ? "true" : "false")}";

    [Fact]
    public async Task Toggling_a_role_cell_on_and_off_creates_and_removes_the_grant_with_audit_entries()
    {
        var role = await RoleAsync(App);
        var actor = await Users.CreateAsync(roles: ["Administrador"]);
        using var client = await Users.LoginAsync(actor);

        var on = await client.PostFormAsync("/admin/permissoes", Toggle("clients.export", "roleId", role.Id, true), [new("module", "Clientes")]);

        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/admin/permissoes?module=Clientes#perm-clients-export", on.Headers.Location!.OriginalString);
        Assert.Contains($"Permissão concedida: clients.export → Papel {role.Name}.", await FollowAsync(client, on));
        Assert.Equal(["clients.export"], await RoleGrantsAsync(App, role.Id));
        var added = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "grant_added" && a.ResourceType == "Role" && a.ResourceId == role.Id.ToString()));
        Assert.Equal(actor.Id, added.ActorUserId);
        Assert.Equal(actor.FullName, added.ActorName);
        Assert.Equal($"clients.export → Papel {role.Name}", added.Summary);
        Assert.Equal($"Papel {role.Name}", added.ResourceLabel);

        var off = await client.PostFormAsync("/admin/permissoes", Toggle("clients.export", "roleId", role.Id, false), [new("module", "Clientes")]);

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Empty(await RoleGrantsAsync(App, role.Id));
        var removed = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "grant_removed" && a.ResourceType == "Role" && a.ResourceId == role.Id.ToString()));
        Assert.Equal(actor.Id, removed.ActorUserId);
        Assert.Contains("clients.export", removed.Summary);
    }

    [Fact]
    public async Task Toggling_a_sector_cell_grants_its_members_and_is_audited()
    {
        var sector = await SectorAsync(App);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        using var memberClient = await Users.LoginAsync(member);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.GetAsync("/admin/auditoria")).StatusCode);
        using var client = await Users.LoginAsync(Users.Administrator);

        var response = await client.PostFormAsync("/admin/permissoes", Toggle("audit.view", "sectorId", sector.Id, true), []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/permissoes#perm-audit-view", response.Headers.Location!.OriginalString);
        Assert.Equal(["audit.view"], await SectorGrantsAsync(App, sector.Id));
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync("/admin/auditoria")).StatusCode);
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "grant_added" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString()));
        Assert.Equal($"audit.view → Setor {sector.Name}", entry.Summary);
        Assert.Equal(Users.Administrator.Id, entry.ActorUserId);
    }

    [Fact]
    public async Task Htmx_toggle_returns_only_the_cell_and_a_toast_trigger()
    {
        var role = await RoleAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);
        var token = await client.TokenFromAsync("/admin/permissoes");
        using var request = new HttpRequestMessage(HttpMethod.Post, Toggle("clients.view", "roleId", role.Id, true))
        {
            Content = new FormUrlEncodedContent([new("module", "")]),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var cell = TestClient.Parse($"<table><tr>{html}</tr></table>").QuerySelector($"td#cell-r{role.Id}-clients-view")!;
        Assert.NotNull(cell);
        Assert.Equal("true", cell.GetAttribute("hx-swap-oob"));
        var button = cell.QuerySelector("button")!;
        Assert.Equal("true", button.GetAttribute("aria-pressed"));
        Assert.Contains("grant=false", button.GetAttribute("formaction"));
        var trigger = Assert.Single(response.Headers.GetValues("HX-Trigger"));
        Assert.Contains("\"toast\"", trigger);
        Assert.Contains("clients.view", trigger);
        Assert.Equal(["clients.view"], await RoleGrantsAsync(App, role.Id));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "grant_added" && a.ResourceId == role.Id.ToString())));
    }

    [Fact]
    public async Task Repeating_a_toggle_changes_and_audits_nothing_more()
    {
        var role = await RoleAsync(App, grants: ["clients.view"]);
        using var client = await Users.LoginAsync(Users.Administrator);

        var again = await client.PostFormAsync("/admin/permissoes", Toggle("clients.view", "roleId", role.Id, true), []);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(["clients.view"], await RoleGrantsAsync(App, role.Id));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "Role" && a.ResourceId == role.Id.ToString())));
    }

    [Fact]
    public async Task Matrix_shows_roles_and_active_sectors_with_current_grants_filtered_by_module()
    {
        var role = await RoleAsync(App, grants: ["clients.edit"]);
        var active = await SectorAsync(App, grants: ["clients.view"]);
        var inactive = await SectorAsync(App, active: false);
        using var client = await Users.LoginAsync(Users.Administrator);

        var (response, doc) = await client.GetPageAsync("/admin/permissoes?module=Clientes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = string.Join("|", doc.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Contains(role.Name, headers);
        Assert.Contains(active.Name, headers);
        Assert.DoesNotContain(inactive.Name, headers);
        Assert.Contains("Administrador", headers);
        Assert.Equal("true", doc.QuerySelector($"#cell-r{role.Id}-clients-edit button")!.GetAttribute("aria-pressed"));
        Assert.Equal("false", doc.QuerySelector($"#cell-r{role.Id}-clients-view button")!.GetAttribute("aria-pressed"));
        Assert.Equal("true", doc.QuerySelector($"#cell-s{active.Id}-clients-view button")!.GetAttribute("aria-pressed"));
        Assert.NotNull(doc.QuerySelector("#perm-clients-edit"));
        Assert.Null(doc.QuerySelector("#perm-tasks-access")); // other modules filtered out
        Assert.NotNull(doc.QuerySelector("select[name=module][data-autosubmit] option[value=Clientes][selected]"));
        var form = doc.QuerySelector("form#permission-matrix")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(form.GetAttribute("hx-post"));

        var (_, all) = await client.GetPageAsync("/admin/permissoes");
        Assert.NotNull(all.QuerySelector("#perm-tasks-access"));
    }

    [Fact]
    public async Task Toggle_without_antiforgery_token_is_403_and_changes_nothing()
    {
        var role = await RoleAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);
        await client.GetAsync("/admin/permissoes");

        var response = await client.PostWithoutTokenAsync(Toggle("clients.view", "roleId", role.Id, true));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CSRF token inválido", await HtmlAsync(response));
        Assert.Empty(await RoleGrantsAsync(App, role.Id));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "Role" && a.ResourceId == role.Id.ToString())));
    }

    [Fact]
    public async Task Unknown_code_bad_grantee_and_the_Administrador_column_are_refused()
    {
        var role = await RoleAsync(App);
        var adminRoleId = await App.WithDbAsync(db => db.Roles.Where(r => r.IsAdministrator).Select(r => r.Id).SingleAsync());
        using var client = await Users.LoginAsync(Users.Administrator);

        var unknown = await client.PostFormAsync("/admin/permissoes", Toggle("nao.existe", "roleId", role.Id, true), []);
        var both = await client.PostFormAsync("/admin/permissoes", $"/admin/permissoes?handler=Toggle&code=clients.view&roleId={role.Id}&sectorId=1&grant=true", []);
        var administrator = await client.PostFormAsync("/admin/permissoes", Toggle("clients.view", "roleId", adminRoleId, true), []);
        var missing = await client.PostFormAsync("/admin/permissoes", Toggle("clients.view", "roleId", long.MaxValue, true), []);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, administrator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await RoleGrantsAsync(App, role.Id));
        Assert.Empty(await RoleGrantsAsync(App, adminRoleId));
    }

    [Fact]
    public async Task Users_without_users_admin_get_403_and_nothing_changes()
    {
        var role = await RoleAsync(App);
        var user = await Users.CreateAsync(roles: ["Diretor"]);
        using var client = await Users.LoginAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/permissoes")).StatusCode);
        var response = await client.PostFormAsync("/perfil", Toggle("users.admin", "roleId", role.Id, true), []);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await RoleGrantsAsync(App, role.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PermissionMatrixTestsSqlite(SqlitePortal portal) : PermissionMatrixTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class PermissionMatrixTestsMySql(MySqlPortal portal) : PermissionMatrixTests(portal);
