using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Lookups;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Platform;

/// <summary>Lookup lists (platform.md §6; PLT-15): the service and /admin/listas.</summary>
public abstract class LookupTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string InUse = "Valor em uso; desative-o.";

    [Fact]
    public async Task Adding_a_value_generates_its_code_from_the_label_and_audits_create()
    {
        var list = await ListAsync(App);
        var actor = await Users.CreateAsync(roles: ["Administrador"]);
        using var client = await Users.LoginAsync(actor);
        await AddValueAsync(App, list.Id, "Primeiro", order: 40);

        var response = await client.PostFormAsync(Url(list), ("Label", "  Acesso ao SAT Ágil  "), ("Color", "#AABBCC"), ("SortOrder", ""));

        Assert.Contains("Valor Acesso ao SAT Ágil adicionado.", await FollowAsync(client, response));
        Assert.Equal(Url(list), response.Headers.Location!.OriginalString);
        var value = await App.WithDbAsync(db => db.LookupValues.SingleAsync(v => v.ListId == list.Id && v.Label == "Acesso ao SAT Ágil"));
        Assert.Equal("acesso-ao-sat-agil", value.Code);
        Assert.Equal("#aabbcc", value.Color);
        Assert.Equal(50, value.SortOrder); // empty order: after the last value
        Assert.True(value.IsActive);

        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "create" && a.ResourceType == "LookupValue" && a.ResourceId == value.Id.ToString()));
        Assert.Equal(actor.Id, entry.ActorUserId);
        Assert.Equal($"Lista {list.Name} – valor Acesso ao SAT Ágil", entry.ResourceLabel);
        Assert.Contains(AuditLog.ParseChanges(entry.ChangesJson), c => c.Field == "Código" && c.New == "acesso-ao-sat-agil");

        var (_, doc) = await client.GetPageAsync(Url(list));
        var row = doc.QuerySelector($"tr[data-value-id='{value.Id}']")!;
        Assert.Contains("acesso-ao-sat-agil", row.TextContent);
        Assert.Equal("#aabbcc", row.QuerySelector("[data-color]")!.GetAttribute("data-color"));
    }

    [Fact]
    public async Task A_duplicate_label_gets_a_distinct_code_and_the_code_never_changes()
    {
        var list = await ListAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);

        foreach (var _ in Enumerable.Range(0, 3))
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Url(list), ("Label", "Questor Net"))).StatusCode);

        var codes = await App.WithDbAsync(db => db.LookupValues.Where(v => v.ListId == list.Id).OrderBy(v => v.Id).Select(v => v.Code).ToListAsync());
        Assert.Equal(["questor-net", "questor-net-2", "questor-net-3"], codes);

        // Renaming keeps the code: other data may store it.
        var first = await App.WithDbAsync(db => db.LookupValues.Where(v => v.ListId == list.Id).OrderBy(v => v.Id).FirstAsync());
        var edit = await client.PostFormAsync(EditUrl(list, first.Id), ("Label", "Questor Online"), ("SortOrder", "5"), ("IsActive", "true"), ("Version", first.Version.ToString()));
        Assert.Contains("Alterações salvas.", await FollowAsync(client, edit));
        var renamed = await App.WithDbAsync(db => db.LookupValues.SingleAsync(v => v.Id == first.Id));
        Assert.Equal(("Questor Online", "questor-net", 5), (renamed.Label, renamed.Code, renamed.SortOrder));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "update" && a.ResourceType == "LookupValue" && a.ResourceId == first.Id.ToString()));
        Assert.Equal($"Lista {list.Name} – valor Questor Online", entry.ResourceLabel);
        Assert.Equal(["Ordem", "Rótulo"], AuditLog.ParseChanges(entry.ChangesJson).Select(c => c.Field).Order());
    }

    [Fact]
    public async Task Invalid_values_show_pt_br_messages_and_save_nothing()
    {
        var list = await ListAsync(App);
        using var client = await Users.LoginAsync(Users.Administrator);

        var empty = await client.PostFormAsync(Url(list), ("Label", "   "));
        var tooLong = await client.PostFormAsync(Url(list), ("Label", new string('x', 101)), ("Color", "azul"), ("SortOrder", "primeiro"));

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Campo obrigatório.", await HtmlAsync(empty));
        var html = await HtmlAsync(tooLong);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Máximo de 100 caracteres.", html);
        Assert.Contains("Cor inválida. Use o formato #RRGGBB.", html);
        Assert.Contains("Informe um número inteiro.", html);
        Assert.False(await App.WithDbAsync(db => db.LookupValues.AnyAsync(v => v.ListId == list.Id)));

        // Exactly 100 characters is fine; the service trims.
        await App.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<LookupService>().AddValueAsync(list.Key, new LookupValueInput(" " + new string('y', 100) + " ", null, null));
            Assert.True(result.Succeeded);
            Assert.Equal(100, result.Value!.Label.Length);
            var invalid = await sp.GetRequiredService<LookupService>().AddValueAsync(list.Key, new LookupValueInput("", null, null));
            Assert.Equal(LookupOutcome.Invalid, invalid.Outcome);
            Assert.Equal(["Campo obrigatório."], invalid.Errors!["Label"]);
        });
    }

    /// <summary>PLT-15, with a usage check that reports the chosen values as referenced by some record.</summary>
    [Fact]
    public async Task PLT15_a_value_in_use_cannot_be_deleted_but_can_be_deactivated_and_still_displays()
    {
        var usage = new FakeUsage();
        await using var app = await PortalApp.StartAsync(App.Provider, services: s => s.AddSingleton<ILookupUsage>(usage));
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        var list = await ListAsync(app);
        var used = await AddValueAsync(app, list.Id, "Em uso", order: 10);
        var unused = await AddValueAsync(app, list.Id, "Livre", order: 20);
        usage.Used.TryAdd((list.Key, used), true);
        using var client = await users.LoginAsync(users.Administrator);

        var delete = await client.PostFormAsync(Url(list), $"{Url(list)}?handler=Delete&id={used}", []);

        Assert.Contains(InUse, await FollowAsync(client, delete));
        Assert.True(await app.WithDbAsync(db => db.LookupValues.AnyAsync(v => v.Id == used && v.IsActive)));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "delete" && a.ResourceType == "LookupValue")));
        await app.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<LookupService>().DeleteValueAsync(used);
            Assert.Equal(LookupOutcome.InUse, result.Outcome);
            Assert.Equal(InUse, result.Message);
        });

        var deactivate = await client.PostFormAsync(Url(list), $"{Url(list)}?handler=Deactivate&id={used}", []);
        Assert.Contains("Valor desativado", await FollowAsync(client, deactivate));
        Assert.False(await app.WithDbAsync(db => db.LookupValues.Where(v => v.Id == used).Select(v => v.IsActive).SingleAsync()));
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "update" && a.ResourceType == "LookupValue" && a.ResourceId == used.ToString()));
        Assert.Contains("desativado", entry.Summary);

        await app.WithScopeAsync(async sp =>
        {
            var lookups = sp.GetRequiredService<LookupService>();
            Assert.Equal([unused], (await lookups.ActiveValuesAsync(list.Key)).Select(o => o.Id));
            Assert.Equal("Em uso", await lookups.ValueLabelAsync(used));
        });
        var (_, doc) = await client.GetPageAsync(Url(list));
        var rows = doc.QuerySelectorAll("tr[data-value-id]").Select(r => r.GetAttribute("data-value-id")).ToList();
        Assert.Equal([unused.ToString(), used.ToString()], rows); // active first, then inactive
        var inactiveRow = doc.QuerySelector($"tr[data-value-id='{used}']")!;
        Assert.Contains("inativo", inactiveRow.TextContent);
        Assert.Contains("text-body-secondary", inactiveRow.ClassName);
        Assert.Contains("Reativar", inactiveRow.TextContent);

        // Still in use after deactivation: still not deletable.
        var again = await client.PostFormAsync(Url(list), $"{Url(list)}?handler=Delete&id={used}", []);
        Assert.Contains(InUse, await FollowAsync(client, again));
        Assert.True(await app.WithDbAsync(db => db.LookupValues.AnyAsync(v => v.Id == used)));

        var reactivate = await client.PostFormAsync(Url(list), $"{Url(list)}?handler=Reactivate&id={used}", []);
        Assert.Contains("Valor reativado.", await FollowAsync(client, reactivate));
        await app.WithScopeAsync(async sp =>
            Assert.Equal([used, unused], (await sp.GetRequiredService<LookupService>().ActiveValuesAsync(list.Key)).Select(o => o.Id)));

        var deleteUnused = await client.PostFormAsync(Url(list), $"{Url(list)}?handler=Delete&id={unused}", []);
        Assert.Contains("Valor excluído.", await FollowAsync(client, deleteUnused));
        Assert.False(await app.WithDbAsync(db => db.LookupValues.AnyAsync(v => v.Id == unused)));
        var deleted = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "delete" && a.ResourceType == "LookupValue" && a.ResourceId == unused.ToString()));
        Assert.Equal($"Lista {list.Name} – valor Livre", deleted.ResourceLabel);
        Assert.Equal(users.Administrator.Id, deleted.ActorUserId);
    }

    [Fact]
    public async Task Active_values_are_ordered_by_sort_order_then_label()
    {
        var list = await ListAsync(App);
        var c = await AddValueAsync(App, list.Id, "Cortesia", order: 20);
        var b = await AddValueAsync(App, list.Id, "Boleto", order: 20);
        var a = await AddValueAsync(App, list.Id, "Zeta", order: 10);
        await AddValueAsync(App, list.Id, "Antigo", order: 0, active: false);

        await App.WithScopeAsync(async sp =>
            Assert.Equal([a, b, c], (await sp.GetRequiredService<LookupService>().ActiveValuesAsync(list.Key)).Select(o => o.Id)));
    }

    [Fact]
    public async Task Stale_version_shows_the_conflict_with_current_values_and_saves_nothing()
    {
        var list = await ListAsync(App);
        var id = await AddValueAsync(App, list.Id, "Original", order: 10);
        using var client = await Users.LoginAsync(Users.Administrator);
        var (_, form) = await client.GetPageAsync(EditUrl(list, id));
        Assert.Equal("Original", form.QuerySelector("#Label")!.GetAttribute("value"));
        var version = form.QuerySelector("#Version")!.GetAttribute("value")!;
        await App.WithDbAsync(async db =>
        {
            var v = await db.LookupValues.SingleAsync(x => x.Id == id);
            v.Label = "Versão da outra pessoa";
            await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync(EditUrl(list, id), ("Label", "Minha versão"), ("SortOrder", "10"), ("IsActive", "true"), ("Version", version));
        var html = await HtmlAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Este registro foi alterado por outra pessoa enquanto você editava. Confira os valores atuais e salve novamente.", html);
        var doc = TestClient.Parse(html);
        Assert.Equal("Versão da outra pessoa", doc.QuerySelector("#Label")!.GetAttribute("value"));
        Assert.Contains("is-invalid", doc.QuerySelector("#Label")!.ClassName);
        Assert.Contains("Minha versão", html);
        Assert.Equal("Versão da outra pessoa", await App.WithDbAsync(db => db.LookupValues.Where(v => v.Id == id).Select(v => v.Label).SingleAsync()));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "update" && a.ResourceType == "LookupValue" && a.ResourceId == id.ToString())));
    }

    [Fact]
    public async Task Colaborador_gets_403_on_the_pages_and_posts_and_nothing_changes()
    {
        var list = await ListAsync(App);
        var id = await AddValueAsync(App, list.Id, "Intocável", order: 10);
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/listas")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url(list))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditUrl(list, id))).StatusCode);
        var responses = new[]
        {
            await client.PostFormAsync("/perfil", Url(list), [new("Label", "Novo valor")]),
            await client.PostFormAsync("/perfil", EditUrl(list, id), [new("Label", "Alterado"), new("IsActive", "true"), new("Version", "1")]),
            await client.PostFormAsync("/perfil", $"{Url(list)}?handler=Deactivate&id={id}", []),
            await client.PostFormAsync("/perfil", $"{Url(list)}?handler=Delete&id={id}", []),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var values = await App.WithDbAsync(db => db.LookupValues.Where(v => v.ListId == list.Id).ToListAsync());
        var value = Assert.Single(values);
        Assert.Equal(("Intocável", true, 1), (value.Label, value.IsActive, value.Version));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "LookupValue" && a.ActorUserId == user.Id)));
    }

    [Fact]
    public async Task Each_list_is_shown_and_editable_only_with_its_own_permission()
    {
        var settingsList = await ListAsync(App);
        var billingList = await ListAsync(App, "billing.configure");
        var id = await AddValueAsync(App, billingList.Id, "PIX", order: 10);
        await AddValueAsync(App, settingsList.Id, "Ativo", order: 10);
        await AddValueAsync(App, settingsList.Id, "Inativo", order: 20, active: false);
        var role = await RoleAsync(App, grants: [Permissions.SettingsManage]);
        var user = await Users.CreateAsync(roles: [role.Name]);
        using var client = await Users.LoginAsync(user);

        var (index, doc) = await client.GetPageAsync("/admin/listas");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var row = doc.QuerySelector($"tr[data-list-key='{settingsList.Key}']")!;
        Assert.Equal(["1", "1"], row.QuerySelectorAll("td.text-end").Take(2).Select(td => td.TextContent.Trim()));
        Assert.NotNull(doc.QuerySelector("tr[data-list-key='client_systems']"));
        Assert.Null(doc.QuerySelector($"tr[data-list-key='{billingList.Key}']"));
        Assert.NotNull(doc.QuerySelector("a[href='/admin/listas']")); // menu entry "Listas"

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url(settingsList))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url(billingList))).StatusCode);
        var add = await client.PostFormAsync("/admin/listas", Url(billingList), [new("Label", "Boleto")]);
        var delete = await client.PostFormAsync("/admin/listas", $"{Url(billingList)}?handler=Delete&id={id}", []);
        // A value of another list cannot be reached through a list this person manages.
        var sideways = await client.PostFormAsync("/admin/listas", $"{Url(settingsList)}?handler=Delete&id={id}", []);

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sideways.StatusCode);
        Assert.Equal(["PIX"], await App.WithDbAsync(db => db.LookupValues.Where(v => v.ListId == billingList.Id).Select(v => v.Label).ToListAsync()));
    }

    private static string Url(TestList list) => $"/admin/listas/{list.Key}";

    private static string EditUrl(TestList list, long id) => $"/admin/listas/{list.Key}/editar/{id}";

    private sealed record TestList(long Id, string Key, string Name);

    /// <summary>A list of its own per test: the shared app runs tests in parallel.</summary>
    private static async Task<TestList> ListAsync(PortalApp app, string permission = Permissions.SettingsManage)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var list = new LookupList { Key = "teste_" + suffix, Name = "Lista de teste " + suffix, ManagePermission = permission };
        await app.WithDbAsync(async db =>
        {
            db.LookupLists.Add(list);
            await db.SaveChangesAsync();
        });
        return new TestList(list.Id, list.Key, list.Name);
    }

    private static async Task<long> AddValueAsync(PortalApp app, long listId, string label, int order, bool active = true)
    {
        var value = new LookupValue { ListId = listId, Code = Portal.Platform.Text.TextNormalizer.Slug(label) + "-" + order, Label = label, SortOrder = order, IsActive = active };
        await app.WithDbAsync(async db =>
        {
            db.LookupValues.Add(value);
            await db.SaveChangesAsync();
        });
        return value.Id;
    }

    /// <summary>Stands in for a module whose records reference lookup values.</summary>
    private sealed class FakeUsage : ILookupUsage
    {
        public ConcurrentDictionary<(string ListKey, long ValueId), bool> Used { get; } = new();

        public Task<bool> IsUsedAsync(string listKey, long valueId, CancellationToken ct) => Task.FromResult(Used.ContainsKey((listKey, valueId)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LookupTestsSqlite(SqlitePortal portal) : LookupTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class LookupTestsMySql(MySqlPortal portal) : LookupTests(portal);
