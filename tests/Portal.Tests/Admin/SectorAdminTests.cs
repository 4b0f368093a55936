using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Authorization;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Admin;

/// <summary>/admin/setores (identity.md §2 Sector, §9, §10; IDN-21).</summary>
public abstract class SectorAdminTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string EditUrl = "/admin/setores/editar";

    [Fact]
    public async Task Create_saves_the_sector_lists_it_and_audits_create()
    {
        var actor = await Users.CreateAsync(roles: ["Administrador"]);
        using var client = await Users.LoginAsync(actor);
        var name = Unique("Setor Novo");
        var response = await client.PostFormAsync(EditUrl, ("Name", "  " + name + " "), ("Description", "Cuida de tudo"),
            ("Color", "#A1B2C3"), ("HasTaskBoard", "false"), ("SortOrder", "7"), ("IsActive", "true"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/setores", response.Headers.Location!.OriginalString);
        var sector = await App.WithDbAsync(db => db.Sectors.SingleAsync(s => s.Name == name));
        Assert.Equal("#a1b2c3", sector.Color);
        Assert.False(sector.HasTaskBoard);
        Assert.True(sector.IsActive);
        Assert.Equal(7, sector.SortOrder);
        Assert.Equal("Cuida de tudo", sector.Description);

        var list = await FollowAsync(client, response);
        Assert.Contains("Setor criado.", list);
        var (_, doc) = await client.GetPageAsync("/admin/setores");
        var row = doc.QuerySelector($"tr[data-sector-id='{sector.Id}']")!;
        Assert.Contains(name, row.TextContent);
        Assert.Equal("#a1b2c3", row.QuerySelector("[data-color]")!.GetAttribute("data-color"));
        Assert.Contains("Não", row.TextContent); // no task board

        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "create" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString()));
        Assert.Equal(actor.Id, entry.ActorUserId);
        Assert.Contains(name, entry.ChangesJson!);
    }

    [Fact]
    public async Task Edit_saves_changes_and_audits_update_with_the_diff()
    {
        var sector = await SectorAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);
        var (_, form) = await client.GetPageAsync($"{EditUrl}/{sector.Id}");
        Assert.Equal(sector.Name, form.QuerySelector("#Name")!.GetAttribute("value"));
        var version = form.QuerySelector("#Version")!.GetAttribute("value")!;

        var response = await client.PostFormAsync($"{EditUrl}/{sector.Id}", ("Name", sector.Name), ("Description", "Nova descrição"),
            ("Color", "#123456"), ("HasTaskBoard", "true"), ("SortOrder", "500"), ("IsActive", "true"), ("Version", version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Nova descrição", await App.WithDbAsync(db => db.Sectors.Where(s => s.Id == sector.Id).Select(s => s.Description).SingleAsync()));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "update" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString()));
        var change = Assert.Single(Portal.Platform.Audit.AuditLog.ParseChanges(entry.ChangesJson));
        Assert.Equal("Descrição", change.Field);
        Assert.Null(change.Old);
        Assert.Equal("Nova descrição", change.New);
    }

    [Fact]
    public async Task Duplicate_name_ignoring_case_and_accents_is_refused_with_the_message()
    {
        var existing = Unique("Área Ágil");
        await SectorAsync(App, name: existing);
        using var client = await Users.LoginAsync(Users.Administrator);
        var typed = existing.Replace("Área Ágil", "AREA agil", StringComparison.Ordinal);

        var response = await client.PostFormAsync(EditUrl, ("Name", typed), ("IsActive", "true"), ("HasTaskBoard", "true"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Já existe um setor com este nome.", await HtmlAsync(response));
        Assert.Equal(1, await App.WithDbAsync(db => db.Sectors.CountAsync(s => s.NameNormalized == Portal.Platform.Text.TextNormalizer.Key(existing))));
    }

    [Fact]
    public async Task Invalid_fields_show_pt_br_messages_and_save_nothing()
    {
        using var client = await Users.LoginAsync(Users.Administrator);

        var response = await client.PostFormAsync(EditUrl, ("Name", "X"), ("Description", new string('d', 256)),
            ("Color", "azul"), ("SortOrder", "primeiro"), ("IsActive", "true"), ("Version", "0"));
        var html = await HtmlAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mínimo de 2 caracteres.", html);
        Assert.Contains("Máximo de 255 caracteres.", html);
        Assert.Contains("Cor inválida. Use o formato #RRGGBB.", html);
        Assert.Contains("Informe um número inteiro.", html);
        var empty = await client.PostFormAsync(EditUrl, ("Name", "   "), ("Version", "0"));
        Assert.Contains("Campo obrigatório.", await HtmlAsync(empty));
        Assert.False(await App.WithDbAsync(db => db.Sectors.AnyAsync(s => s.Name == "X")));
    }

    [Fact]
    public async Task Stale_version_shows_the_conflict_with_current_values_and_saves_nothing()
    {
        var sector = await SectorAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);
        var (_, form) = await client.GetPageAsync($"{EditUrl}/{sector.Id}");
        var version = form.QuerySelector("#Version")!.GetAttribute("value")!;
        // Someone else saves first.
        await App.WithDbAsync(async db =>
        {
            var s = await db.Sectors.SingleAsync(x => x.Id == sector.Id);
            s.Description = "Versão da outra pessoa";
            await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync($"{EditUrl}/{sector.Id}", ("Name", sector.Name), ("Description", "Minha versão"),
            ("Color", "#123456"), ("HasTaskBoard", "true"), ("SortOrder", "500"), ("IsActive", "true"), ("Version", version));
        var html = await HtmlAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Este registro foi alterado por outra pessoa enquanto você editava. Confira os valores atuais e salve novamente.", html);
        var doc = TestClient.Parse(html);
        Assert.Equal("Versão da outra pessoa", doc.QuerySelector("#Description")!.GetAttribute("value"));
        Assert.Contains("is-invalid", doc.QuerySelector("#Description")!.ClassName);
        Assert.Contains("Minha versão", html);
        Assert.Equal("Versão da outra pessoa", await App.WithDbAsync(db => db.Sectors.Where(s => s.Id == sector.Id).Select(s => s.Description).SingleAsync()));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "update" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString())));
    }

    [Fact]
    public async Task Delete_is_refused_while_the_sector_has_grants_or_members()
    {
        var withGrant = await SectorAsync(App, grants: ["clients.view"]);
        var withMember = await SectorAsync(App);
        await Users.CreateAsync(sectors: [withMember.Name]);
        using var client = await Users.LoginAsync(Users.Administrator);

        foreach (var sector in new[] { withGrant, withMember })
        {
            var response = await client.PostFormAsync("/admin/setores", $"/admin/setores?handler=Delete&id={sector.Id}", []);
            Assert.Contains("Setor em uso; desative-o.", await FollowAsync(client, response));
            Assert.True(await App.WithDbAsync(db => db.Sectors.AnyAsync(s => s.Id == sector.Id)));
            Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "delete" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString())));
        }
    }

    [Fact]
    public async Task Delete_of_an_unused_sector_removes_it_and_audits_delete()
    {
        var sector = await SectorAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);

        var response = await client.PostFormAsync("/admin/setores", $"/admin/setores?handler=Delete&id={sector.Id}", []);

        Assert.Contains("Setor excluído.", await FollowAsync(client, response));
        Assert.False(await App.WithDbAsync(db => db.Sectors.AnyAsync(s => s.Id == sector.Id)));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "delete" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString()));
        Assert.Equal(Users.Administrator.Id, entry.ActorUserId);
        Assert.Equal(sector.Name, entry.ResourceLabel);
    }

    [Fact]
    public async Task Deactivating_removes_its_grants_from_members_effective_permissions_on_the_next_request()
    {
        var sector = await SectorAsync(App, grants: [Permissions.AuditView]);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        using var memberClient = await Users.LoginAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync("/admin/auditoria")).StatusCode);

        using var admin = await Users.LoginAsync(Users.Administrator);
        var (_, form) = await admin.GetPageAsync($"{EditUrl}/{sector.Id}");
        var response = await admin.PostFormAsync($"{EditUrl}/{sector.Id}", ("Name", sector.Name), ("Color", "#123456"),
            ("HasTaskBoard", "true"), ("SortOrder", "500"), ("IsActive", "false"), ("Version", form.QuerySelector("#Version")!.GetAttribute("value")!));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.GetAsync("/admin/auditoria")).StatusCode);
        await App.WithScopeAsync(async sp =>
        {
            var permissions = sp.GetRequiredService<PermissionService>();
            Assert.False((await permissions.LoadAsync(member.Id)).Has(Permissions.AuditView));
            Assert.DoesNotContain((await permissions.ExplainAsync(member.Id)), p => p.Permission.Code == Permissions.AuditView);
        });
        // The grant itself stays (reactivating restores it); only its effect is gone.
        Assert.Equal([Permissions.AuditView], await SectorGrantsAsync(App, sector.Id));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "update" && a.ResourceType == "Sector" && a.ResourceId == sector.Id.ToString()));
        Assert.Contains("desativado", entry.Summary);
    }

    [Fact]
    public async Task Colaborador_gets_403_and_nothing_changes()
    {
        var sector = await SectorAsync(App);
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var name = Unique("Intruso");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/setores")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{EditUrl}/{sector.Id}")).StatusCode);
        var create = await client.PostFormAsync("/perfil", EditUrl, [new("Name", name), new("IsActive", "true"), new("Version", "0")]);
        var edit = await client.PostFormAsync("/perfil", $"{EditUrl}/{sector.Id}", [new("Name", name), new("IsActive", "false"), new("Version", "1")]);
        var delete = await client.PostFormAsync("/perfil", $"/admin/setores?handler=Delete&id={sector.Id}", []);

        Assert.All([create, edit, delete], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.False(await App.WithDbAsync(db => db.Sectors.AnyAsync(s => s.Name == name)));
        var stored = await App.WithDbAsync(db => db.Sectors.SingleAsync(s => s.Id == sector.Id));
        Assert.Equal(sector.Name, stored.Name);
        Assert.True(stored.IsActive);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SectorAdminTestsSqlite(SqlitePortal portal) : SectorAdminTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class SectorAdminTestsMySql(MySqlPortal portal) : SectorAdminTests(portal);
