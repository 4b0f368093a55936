using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Setup;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Admin;

/// <summary>/admin/papeis (identity.md §2 Role, §9, §10).</summary>
public abstract class RoleAdminTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string EditUrl = "/admin/papeis/editar";

    private static async Task<string> VersionAsync(TestClient client, string url)
    {
        var (_, doc) = await client.GetPageAsync(url);
        return doc.QuerySelector("#Version")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task Create_with_checked_permissions_stores_grants_and_audits_each_code()
    {
        var actor = await Users.CreateAsync(roles: ["Administrador"]);
        using var client = await Users.LoginAsync(actor);
        var name = Unique("Papel Novo");

        var response = await client.PostFormAsync(EditUrl, ("Name", name), ("Description", "Conferência"), ("StartPage", "/admin/setores"),
            ("SortOrder", "15"), ("Codes", "clients.view"), ("Codes", "clients.edit"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Papel criado.", await FollowAsync(client, response));
        var role = await App.WithDbAsync(db => db.Roles.SingleAsync(r => r.Name == name));
        Assert.Equal("/admin/setores", role.StartPage);
        Assert.Equal(15, role.SortOrder);
        Assert.Equal(["clients.edit", "clients.view"], await RoleGrantsAsync(App, role.Id));
        var entries = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.ResourceType == "Role" && a.ResourceId == role.Id.ToString()).ToListAsync());
        Assert.Contains(entries, a => a.Action == "create" && a.ActorUserId == actor.Id);
        var added = entries.Where(a => a.Action == "grant_added").Select(a => a.Summary).Order().ToList();
        Assert.Equal([$"clients.edit → Papel {name}", $"clients.view → Papel {name}"], added);
    }

    [Fact]
    public async Task Checkboxes_add_and_remove_grants_with_one_audit_entry_per_code()
    {
        var role = await RoleAsync(App, grants: ["clients.view", "clients.edit"]);
        var actor = await Users.CreateAsync(roles: ["Administrador"]);
        using var client = await Users.LoginAsync(actor);
        var (_, form) = await client.GetPageAsync($"{EditUrl}/{role.Id}");
        Assert.NotNull(form.QuerySelector("input[name=Codes][value='clients.edit'][checked]"));
        Assert.Null(form.QuerySelector("input[name=Codes][value='tasks.access'][checked]"));
        Assert.NotNull(form.QuerySelector("input[name=Codes][value='tasks.access']"));

        var response = await client.PostFormAsync($"{EditUrl}/{role.Id}", ("Name", role.Name), ("Description", "Agora com tarefas"),
            ("SortOrder", "500"), ("Codes", "clients.view"), ("Codes", "tasks.access"), ("Version", form.QuerySelector("#Version")!.GetAttribute("value")!));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["clients.view", "tasks.access"], await RoleGrantsAsync(App, role.Id));
        var entries = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.ResourceType == "Role" && a.ResourceId == role.Id.ToString()).ToListAsync());
        Assert.All(entries, a => Assert.Equal(actor.Id, a.ActorUserId));
        Assert.Equal($"clients.edit → Papel {role.Name}", Assert.Single(entries, a => a.Action == "grant_removed").Summary);
        Assert.Equal($"tasks.access → Papel {role.Name}", Assert.Single(entries, a => a.Action == "grant_added").Summary);
        var changed = Assert.Single(entries, a => a.Action == "role_changed");
        Assert.Contains("Agora com tarefas", changed.ChangesJson!);
        Assert.DoesNotContain(entries, a => a.Summary != null && a.Summary.StartsWith("clients.view", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_form_conflicts_instead_of_undoing_a_newer_grant_change()
    {
        var role = await RoleAsync(App, grants: ["clients.view"]);
        using var client = await Users.LoginAsync(Users.Administrator);
        var version = await VersionAsync(client, $"{EditUrl}/{role.Id}");
        // Someone else saves the role's grants first.
        using var other = await Users.LoginAsync(Users.Administrator);
        var first = await other.PostFormAsync($"{EditUrl}/{role.Id}", ("Name", role.Name), ("SortOrder", "500"),
            ("Codes", "clients.view"), ("Codes", "clients.export"), ("Version", version));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await client.PostFormAsync($"{EditUrl}/{role.Id}", ("Name", role.Name), ("SortOrder", "500"), ("Codes", "clients.view"), ("Version", version));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Este registro foi alterado por outra pessoa", await HtmlAsync(stale));
        Assert.Equal(["clients.export", "clients.view"], await RoleGrantsAsync(App, role.Id));
    }

    [Fact]
    public async Task Duplicate_name_unknown_code_and_invalid_fields_are_refused()
    {
        var existing = await RoleAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);

        var duplicate = await client.PostFormAsync(EditUrl, ("Name", existing.Name.ToUpperInvariant()), ("Version", "0"));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Já existe um papel com este nome.", await HtmlAsync(duplicate));

        var invalid = await client.PostFormAsync(EditUrl, ("Name", "Z"), ("StartPage", "https://evil.example/"), ("SortOrder", "x"), ("Version", "0"));
        var html = await HtmlAsync(invalid);
        Assert.Contains("Mínimo de 2 caracteres.", html);
        Assert.Contains("Página inicial inválida.", html);
        Assert.Contains("Informe um número inteiro.", html);

        var name = Unique("Papel Ruim");
        var unknown = await client.PostFormAsync(EditUrl, ("Name", name), ("Codes", "nao.existe"), ("Version", "0"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Roles.AnyAsync(r => r.Name == name || r.Name == "Z")));
    }

    [Fact]
    public async Task Administrador_cannot_be_renamed_deleted_or_given_grants()
    {
        var admin = await App.WithDbAsync(db => db.Roles.AsNoTracking().SingleAsync(r => r.IsAdministrator));
        using var client = await Users.LoginAsync(Users.Administrator);
        var (_, form) = await client.GetPageAsync($"{EditUrl}/{admin.Id}");
        Assert.Contains("possui todas as permissões", form.Body!.TextContent);
        Assert.Null(form.QuerySelector("input[name=Codes]"));
        Assert.NotNull(form.QuerySelector("#Name[readonly]"));
        var version = form.QuerySelector("#Version")!.GetAttribute("value")!;

        var rename = await client.PostFormAsync($"{EditUrl}/{admin.Id}", ("Name", "Chefão"), ("Description", admin.Description ?? ""),
            ("StartPage", admin.StartPage ?? ""), ("SortOrder", admin.SortOrder.ToString()), ("Version", version));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Contains("O papel Administrador não pode ser renomeado.", await HtmlAsync(rename));

        var grants = await client.PostFormAsync($"{EditUrl}/{admin.Id}", ("Name", admin.Name), ("Description", admin.Description ?? ""),
            ("StartPage", admin.StartPage ?? ""), ("SortOrder", admin.SortOrder.ToString()), ("Codes", "clients.view"), ("Version", version));
        Assert.Equal(HttpStatusCode.Redirect, grants.StatusCode);

        var delete = await client.PostFormAsync("/admin/papeis", $"/admin/papeis?handler=Delete&id={admin.Id}", []);
        Assert.Contains("O papel Administrador não pode ser excluído.", await FollowAsync(client, delete));

        var stored = await App.WithDbAsync(db => db.Roles.AsNoTracking().SingleAsync(r => r.Id == admin.Id));
        Assert.Equal(ReferenceData.AdministratorRoleName, stored.Name);
        Assert.True(stored.IsAdministrator);
        Assert.Empty(await RoleGrantsAsync(App, admin.Id));
        var (_, list) = await client.GetPageAsync("/admin/papeis");
        Assert.Null(list.QuerySelector($"tr[data-role-id='{admin.Id}'] form"));
    }

    [Fact]
    public async Task Delete_is_refused_while_the_role_has_members_and_allowed_when_empty()
    {
        var used = await RoleAsync(App);
        await Users.CreateAsync(roles: [used.Name]);
        var empty = await RoleAsync(App, grants: ["clients.view"]);
        using var client = await Users.LoginAsync(Users.Administrator);

        var refused = await client.PostFormAsync("/admin/papeis", $"/admin/papeis?handler=Delete&id={used.Id}", []);
        Assert.Contains("Papel em uso: remova os membros antes.", await FollowAsync(client, refused));
        Assert.True(await App.WithDbAsync(db => db.Roles.AnyAsync(r => r.Id == used.Id)));

        var deleted = await client.PostFormAsync("/admin/papeis", $"/admin/papeis?handler=Delete&id={empty.Id}", []);
        Assert.Contains("Papel excluído.", await FollowAsync(client, deleted));
        Assert.False(await App.WithDbAsync(db => db.Roles.AnyAsync(r => r.Id == empty.Id)));
        Assert.Empty(await RoleGrantsAsync(App, empty.Id));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "delete" && a.ResourceType == "Role" && a.ResourceId == empty.Id.ToString()));
        Assert.Contains("clients.view", entry.ChangesJson!);
    }

    [Fact]
    public async Task Edit_page_lists_members_read_only()
    {
        var role = await RoleAsync(App);
        var member = await Users.CreateAsync(roles: [role.Name]);
        using var client = await Users.LoginAsync(Users.Administrator);
        var (_, doc) = await client.GetPageAsync($"{EditUrl}/{role.Id}");
        Assert.Contains(member.FullName, doc.QuerySelector("#role-members")!.TextContent);
        Assert.Null(doc.QuerySelector("#role-members input"));
    }

    [Fact]
    public async Task Non_administrators_get_403_and_nothing_changes()
    {
        var role = await RoleAsync(App, grants: ["clients.view"]);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/papeis")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{EditUrl}/{role.Id}")).StatusCode);
        var edit = await client.PostFormAsync("/perfil", $"{EditUrl}/{role.Id}",
            [new("Name", "Tomado"), new("Codes", "users.admin"), new("Version", "1")]);
        var delete = await client.PostFormAsync("/perfil", $"/admin/papeis?handler=Delete&id={role.Id}", []);

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(role.Name, await App.WithDbAsync(db => db.Roles.Where(r => r.Id == role.Id).Select(r => r.Name).SingleAsync()));
        Assert.Equal(["clients.view"], await RoleGrantsAsync(App, role.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RoleAdminTestsSqlite(SqlitePortal portal) : RoleAdminTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class RoleAdminTestsMySql(MySqlPortal portal) : RoleAdminTests(portal);
