using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Platform.Authorization;
using Portal.Platform.Views;
using Portal.Tests.Admin;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Platform;

/// <summary>Saved views (platform.md §8, PLT-17) on /admin/usuarios and /admin/auditoria.</summary>
public abstract class SavedViewTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string UsersList = "/admin/usuarios";

    /// <summary>A user who may open the users list through a role of their own (never a seed role other tests use).</summary>
    private async Task<(TestUser User, NamedId Role)> ListUserAsync(string permission = Permissions.UsersAdmin, NamedId? role = null)
    {
        role ??= await RoleAsync(App, [permission]);
        return (await Users.CreateAsync(roles: [role.Name]), role);
    }

    private static IElement SaveForm(IHtmlDocument doc) =>
        doc.QuerySelector("form[aria-label='Salvar visualização']") ?? throw new InvalidOperationException("no save form");

    /// <summary>The user's own views in the menu (shared views of other tests are visible to every manager).</summary>
    private static List<IHtmlAnchorElement> MenuLinks(IHtmlDocument doc) =>
        doc.QuerySelectorAll("[data-saved-views] .dropdown-menu li[data-view-id][data-view-kind=own] a").OfType<IHtmlAnchorElement>().ToList();

    /// <summary>Submits the page's save form as a browser would (its action carries the current filters).</summary>
    private static async Task<HttpResponseMessage> SaveViewAsync(TestClient client, string pageUrl, string name, bool asDefault = false, long? shareWithRole = null)
    {
        var (_, doc) = await client.GetPageAsync(pageUrl);
        var action = SaveForm(doc).GetAttribute("action")!;
        var fields = new List<KeyValuePair<string, string>> { new("viewName", name) };
        if (asDefault) fields.Add(new("viewDefault", "true"));
        if (shareWithRole is long r) fields.Add(new("viewRole", r.ToString()));
        return await client.PostFormAsync(pageUrl, action, fields);
    }

    private static Task<HttpResponseMessage> PostMenuActionAsync(TestClient client, string pageUrl, string handler, long viewId) =>
        client.PostFormAsync(pageUrl, $"{UsersList}?handler={handler}", [new("viewId", viewId.ToString())]);

    private Task<SavedView?> ViewAsync(long ownerId, string name) =>
        App.WithDbAsync(db => db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.OwnerUserId == ownerId && v.Name == name));

    private static string Location(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task A_default_view_applies_on_open_and_Restaurar_padrao_removes_it()
    {
        var (user, _) = await ListUserAsync();
        using var client = await Users.LoginAsync(user);
        var token = Guid.NewGuid().ToString("N")[..8];

        // Saved from a filtered, paged list: the page number is where the user was, not a filter.
        var filtered = $"{UsersList}?q={token}&inativos=true&page=2";
        var (_, before) = await client.GetPageAsync(filtered);
        var action = SaveForm(before).GetAttribute("action")!;
        Assert.Contains("handler=SaveView", action);
        Assert.DoesNotContain("page=", action);
        Assert.NotNull(SaveForm(before).QuerySelector("input[name=__RequestVerificationToken]"));

        var saved = await SaveViewAsync(client, filtered, "  Inativos do teste  ", asDefault: true);
        var view = await ViewAsync(user.Id, "Inativos do teste");
        Assert.NotNull(view);
        Assert.Equal($"q={token}&inativos=true", view.Query);
        Assert.Equal("admin.users", view.ListKey);
        Assert.True(view.IsDefault);
        Assert.Null(view.SharedWithRoleId);
        var viewUrl = $"{UsersList}?q={token}&inativos=true&view={view.Id}";
        Assert.Equal(viewUrl, Location(saved));

        // It is in the "Visualizações" menu, marked as the default; personal views leave no audit entry.
        var (_, other) = await client.GetPageAsync($"{UsersList}?q=qualquer");
        var link = Assert.Single(MenuLinks(other));
        Assert.Contains("Inativos do teste", link.TextContent);
        Assert.Contains("padrão", link.TextContent);
        Assert.Equal(viewUrl, link.GetAttribute("href"));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "SavedView" && a.ResourceId == view.Id.ToString())));

        // PLT-17, first half: opening the list without a query shows the saved filters, in the URL.
        var opened = await client.GetAsync(UsersList);
        Assert.Equal(viewUrl, Location(opened));
        var (applied, appliedDoc) = await client.GetPageAsync(viewUrl);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(token, appliedDoc.QuerySelector<IHtmlInputElement>("#filtro-texto")!.Value);
        Assert.True(appliedDoc.QuerySelector<IHtmlInputElement>("#filtro-inativos")!.IsChecked);
        Assert.Contains("Visualizações: Inativos do teste", appliedDoc.QuerySelector("[data-saved-views] .dropdown-toggle")!.TextContent);
        // "Limpar" shows the module default on purpose instead of bouncing back to the default view.
        var (cleared, clearedDoc) = await client.GetPageAsync("/admin/usuarios?view=padrao");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal("", clearedDoc.QuerySelector<IHtmlInputElement>("#filtro-texto")!.Value);

        // PLT-17, second half: "Restaurar padrão" removes it; the list opens with the module default again.
        var reset = await client.PostFormAsync(viewUrl, $"{UsersList}?q={token}&inativos=true&handler=ResetView", []);
        Assert.Equal(UsersList, Location(reset));
        Assert.False((await ViewAsync(user.Id, "Inativos do teste"))!.IsDefault);
        var (plain, plainDoc) = await client.GetPageAsync(UsersList);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("", plainDoc.QuerySelector<IHtmlInputElement>("#filtro-texto")!.Value);
        Assert.Single(MenuLinks(plainDoc));
    }

    [Fact]
    public async Task Marking_another_view_default_clears_the_previous_one_and_deleting_removes_it()
    {
        var (user, _) = await ListUserAsync();
        using var client = await Users.LoginAsync(user);
        Location(await SaveViewAsync(client, $"{UsersList}?inativos=true", "Primeira", asDefault: true));
        Location(await SaveViewAsync(client, $"{UsersList}?q=zz", "Segunda"));
        var first = (await ViewAsync(user.Id, "Primeira"))!;
        var second = (await ViewAsync(user.Id, "Segunda"))!;

        Location(await PostMenuActionAsync(client, $"{UsersList}?q=zz", "DefaultView", second.Id));
        Assert.False((await ViewAsync(user.Id, "Primeira"))!.IsDefault);
        Assert.True((await ViewAsync(user.Id, "Segunda"))!.IsDefault);
        Assert.Equal($"{UsersList}?q=zz&view={second.Id}", Location(await client.GetAsync(UsersList)));

        var (_, doc) = await client.GetPageAsync($"{UsersList}?q=zz");
        var deleteForm = doc.QuerySelector($"li[data-view-id='{second.Id}'] form[action*='handler=DeleteView']")!;
        Assert.Equal("Excluir a visualização “Segunda”?", deleteForm.GetAttribute("data-confirm"));
        Location(await PostMenuActionAsync(client, $"{UsersList}?q=zz", "DeleteView", second.Id));
        Assert.Null(await ViewAsync(user.Id, "Segunda"));
        Assert.NotNull(await ViewAsync(user.Id, "Primeira"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(UsersList)).StatusCode);
        Assert.Equal(first.Id, Assert.Single(await App.WithDbAsync(db => db.SavedViews.Where(v => v.OwnerUserId == user.Id).Select(v => v.Id).ToListAsync())));
    }

    [Fact]
    public async Task Name_is_required_at_most_60_characters_and_unique_per_user_and_list()
    {
        var (user, _) = await ListUserAsync();
        using var client = await Users.LoginAsync(user);
        var page = $"{UsersList}?q=abc";
        Location(await SaveViewAsync(client, page, "Meus filtros"));

        async Task<string> ErrorAfterAsync(string name)
        {
            var response = await SaveViewAsync(client, page, name);
            // Back to the same filters with the form open and the message under the name.
            Assert.Equal(page, Location(response));
            var (_, doc) = await client.GetPageAsync(page);
            var form = SaveForm(doc);
            Assert.Contains("show", form.ClassList);
            Assert.Equal(name.Length > 200 ? name[..200] : name, form.QuerySelector<IHtmlInputElement>("input[name=viewName]")!.Value);
            return form.QuerySelector(".invalid-feedback")!.TextContent.Trim();
        }

        Assert.Equal("Campo obrigatório.", await ErrorAfterAsync("   "));
        Assert.Equal("Máximo de 60 caracteres.", await ErrorAfterAsync(new string('x', 61)));
        Assert.Equal("Já existe uma visualização com este nome.", await ErrorAfterAsync(" MEUS filtros "));
        Assert.Equal(1, await App.WithDbAsync(db => db.SavedViews.CountAsync(v => v.OwnerUserId == user.Id)));

        // The error is shown once, not on every later visit.
        var (_, again) = await client.GetPageAsync(page);
        Assert.Null(SaveForm(again).QuerySelector(".invalid-feedback"));
        Assert.DoesNotContain("show", SaveForm(again).ClassList);

        // Exactly 60 is fine; the same name on another list or for another user is not a duplicate.
        Location(await SaveViewAsync(client, page, new string('y', 60)));
        var (other, _) = await ListUserAsync();
        using var otherClient = await Users.LoginAsync(other);
        Location(await SaveViewAsync(otherClient, page, "Meus filtros"));
    }

    [Fact]
    public async Task At_most_50_views_per_user_and_list()
    {
        var (user, _) = await ListUserAsync();
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 50; i++)
                db.SavedViews.Add(new SavedView { Name = $"Visão {i}", ListKey = "admin.users", Query = "q=" + i, OwnerUserId = user.Id });
            await db.SaveChangesAsync();
        });
        using var client = await Users.LoginAsync(user);
        Location(await SaveViewAsync(client, $"{UsersList}?q=x", "A 51ª"));
        var (_, doc) = await client.GetPageAsync($"{UsersList}?q=x");
        Assert.Contains("Limite de 50 visualizações", SaveForm(doc).QuerySelector(".invalid-feedback")!.TextContent);
        Assert.Equal(50, await App.WithDbAsync(db => db.SavedViews.CountAsync(v => v.OwnerUserId == user.Id)));
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_deletes_nor_uses_a_personal_view()
    {
        var (owner, role) = await ListUserAsync();
        var (intruder, _) = await ListUserAsync(role: role);
        using var ownerClient = await Users.LoginAsync(owner);
        var secretName = "Particular " + Guid.NewGuid().ToString("N")[..6];
        Location(await SaveViewAsync(ownerClient, $"{UsersList}?inativos=true", secretName, asDefault: true));
        var view = (await ViewAsync(owner.Id, secretName))!;

        using var client = await Users.LoginAsync(intruder);
        var (plain, doc) = await client.GetPageAsync(UsersList);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(MenuLinks(doc));
        Assert.Null(doc.QuerySelector($"li[data-view-id='{view.Id}']"));
        Assert.DoesNotContain(secretName, doc.Body!.TextContent);
        var (_, withId) = await client.GetPageAsync($"{UsersList}?view={view.Id}");
        Assert.DoesNotContain(secretName, withId.Body!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await PostMenuActionAsync(client, UsersList, "DeleteView", view.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostMenuActionAsync(client, UsersList, "DefaultView", view.Id)).StatusCode);
        var still = (await ViewAsync(owner.Id, secretName))!;
        Assert.True(still.IsDefault);
        Assert.Equal(view.Version, still.Version);
    }

    [Fact]
    public async Task A_shared_default_of_a_role_applies_to_members_without_a_default_of_their_own()
    {
        var (manager, _) = await ListUserAsync();
        var team = await RoleAsync(App, [Permissions.UsersAdmin]);
        var later = await RoleAsync(App, [Permissions.UsersAdmin]);
        await App.WithDbAsync(async db =>
        {
            (await db.Roles.SingleAsync(r => r.Id == team.Id)).SortOrder = 10;
            (await db.Roles.SingleAsync(r => r.Id == later.Id)).SortOrder = 20;
            await db.SaveChangesAsync();
        });
        var member = await Users.CreateAsync(roles: [team.Name, later.Name]);
        var outsider = await Users.CreateAsync(roles: [later.Name]);
        using var managerClient = await Users.LoginAsync(manager);

        var (_, form) = await managerClient.GetPageAsync($"{UsersList}?inativos=true");
        Assert.NotNull(SaveForm(form).QuerySelector($"select[name=viewRole] option[value='{team.Id}']"));
        Location(await SaveViewAsync(managerClient, $"{UsersList}?papel={later.Id}", "Do papel seguinte", asDefault: true, shareWithRole: later.Id));
        Location(await SaveViewAsync(managerClient, $"{UsersList}?inativos=true", "Equipe", asDefault: true, shareWithRole: team.Id));
        var shared = await App.WithDbAsync(db => db.SavedViews.AsNoTracking().SingleAsync(v => v.SharedWithRoleId == team.Id));
        Assert.Null(shared.OwnerUserId);
        Assert.True(shared.IsDefault);
        var created = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "create" && a.ResourceType == "SavedView" && a.ResourceId == shared.Id.ToString()));
        Assert.Equal(manager.Id, created.ActorUserId);
        Assert.Contains(team.Name, created.Summary);
        // Sharing does not make it the manager's own default.
        var managerOpen = await managerClient.GetAsync(UsersList);
        Assert.True(managerOpen.StatusCode == HttpStatusCode.OK, managerOpen.Headers.Location?.OriginalString);

        // The member gets the default of their first role (by role order); the outsider that of their only role.
        using var memberClient = await Users.LoginAsync(member);
        var sharedUrl = $"{UsersList}?inativos=true&view={shared.Id}";
        Assert.Equal(sharedUrl, Location(await memberClient.GetAsync(UsersList)));
        using var outsiderClient = await Users.LoginAsync(outsider);
        Assert.StartsWith($"{UsersList}?papel={later.Id}&view=", Location(await outsiderClient.GetAsync(UsersList)));
        var (_, memberDoc) = await memberClient.GetPageAsync(sharedUrl);
        Assert.Contains("Papel " + team.Name, memberDoc.QuerySelector($"li[data-view-id='{shared.Id}'][data-view-kind=shared] a")!.TextContent);

        // A personal default wins over the role's; "Restaurar padrão" then shows the module default, not the role's.
        Location(await SaveViewAsync(memberClient, $"{UsersList}?q=meu", "Minha", asDefault: true));
        Assert.StartsWith($"{UsersList}?q=meu&view=", Location(await memberClient.GetAsync(UsersList)));
        var reset = await memberClient.PostFormAsync(UsersList + "?q=meu", $"{UsersList}?q=meu&handler=ResetView", []);
        Assert.Equal($"{UsersList}?view=padrao", Location(reset));
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync(Location(reset))).StatusCode);
        Assert.Equal(sharedUrl, Location(await memberClient.GetAsync(UsersList)));
        Assert.True((await App.WithDbAsync(db => db.SavedViews.AsNoTracking().SingleAsync(v => v.Id == shared.Id))).IsDefault);

        // Deleting a shared view is audited.
        Location(await PostMenuActionAsync(managerClient, UsersList + "?q=x", "DeleteView", shared.Id));
        Assert.False(await App.WithDbAsync(db => db.SavedViews.AnyAsync(v => v.Id == shared.Id)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "delete" && a.ResourceType == "SavedView" && a.ResourceId == shared.Id.ToString())));
        // With the first role's default gone, the next role's applies.
        Assert.StartsWith($"{UsersList}?papel={later.Id}&view=", Location(await memberClient.GetAsync(UsersList)));
    }

    [Fact]
    public async Task The_audit_log_has_saved_views_too_while_its_page_stays_get_only()
    {
        var (user, _) = await ListUserAsync(Permissions.AuditView);
        using var client = await Users.LoginAsync(user);
        var page = $"/admin/auditoria?action=login&actor={user.Id}";
        var (_, doc) = await client.GetPageAsync(page);
        Assert.StartsWith("/admin/auditoria/visualizacoes?action=login", SaveForm(doc).GetAttribute("action"));

        var saved = await SaveViewAsync(client, page, "Minhas entradas", asDefault: true);
        var view = (await ViewAsync(user.Id, "Minhas entradas"))!;
        Assert.Equal("admin.audit", view.ListKey);
        Assert.Equal($"/admin/auditoria?action=login&actor={user.Id}&view={view.Id}", Location(saved));
        Assert.Equal(Location(saved), Location(await client.GetAsync("/admin/auditoria")));
        // The users list has its own views.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(UsersList)).StatusCode);

        var reset = await client.PostFormAsync(page, "/admin/auditoria/visualizacoes?handler=ResetView", []);
        Assert.Equal("/admin/auditoria", Location(reset));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/auditoria")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostFormAsync(page, "/admin/auditoria?handler=SaveView", [new("viewName", "x")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(page, "/admin/auditoria/visualizacoes", [new("viewName", "x")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(page, "/admin/auditoria/visualizacoes?handler=Delete", [new("viewName", "x")])).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.SavedViews.CountAsync(v => v.OwnerUserId == user.Id)));
    }

    [Fact]
    public async Task Handlers_require_the_antiforgery_token_and_the_list_permission()
    {
        var (user, _) = await ListUserAsync();
        using var client = await Users.LoginAsync(user);
        Location(await SaveViewAsync(client, $"{UsersList}?q=csrf", "Com token", asDefault: true));
        var view = (await ViewAsync(user.Id, "Com token"))!;

        foreach (var (url, fields) in new (string, (string, string)[])[]
        {
            ($"{UsersList}?q=x&handler=SaveView", [("viewName", "Sem token")]),
            ($"{UsersList}?handler=DeleteView", [("viewId", view.Id.ToString())]),
            ($"{UsersList}?handler=DefaultView", [("viewId", view.Id.ToString())]),
            ($"{UsersList}?handler=ResetView", []),
            ("/admin/auditoria/visualizacoes?handler=SaveView", [("viewName", "Sem token")]),
        })
        {
            var response = await client.PostWithoutTokenAsync(url, fields);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var after = (await ViewAsync(user.Id, "Com token"))!;
        Assert.True(after.IsDefault);
        Assert.Equal(1, await App.WithDbAsync(db => db.SavedViews.CountAsync(v => v.OwnerUserId == user.Id)));

        // Without the list's permission (valid token from a page they can open) nothing is saved either.
        var plain = await Users.CreateAsync();
        using var plainClient = await Users.LoginAsync(plain);
        var forbidden = await plainClient.PostFormAsync("/perfil", $"{UsersList}?handler=SaveView", [new("viewName", "Intrusa")]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plainClient.PostFormAsync("/perfil", "/admin/auditoria/visualizacoes?handler=SaveView", [new("viewName", "Intrusa")])).StatusCode);
        Assert.False(await App.WithDbAsync(db => db.SavedViews.AnyAsync(v => v.OwnerUserId == plain.Id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SavedViewTestsSqlite(SqlitePortal portal) : SavedViewTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class SavedViewTestsMySql(MySqlPortal portal) : SavedViewTests(portal);

/// <summary>The saved-views controls in a real browser: menu, collapsible form, confirm modal, no CSP problems.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SavedViewBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Save_apply_and_delete_a_view_by_clicking()
    {
        var role = await RoleAsync(portal.App, [Permissions.UsersAdmin]);
        var user = await portal.Users.CreateAsync(roles: [role.Name]);
        await using var context = await browser.NewContextAsync(portal.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        var viewUrl = new Regex(@"/admin/usuarios\?inativos=true&view=\d+$");
        await BrowserFixture.RunAsync(page, nameof(Save_apply_and_delete_a_view_by_clicking), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(user.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(user.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/inicio$"));

            await page.GotoAsync("/admin/usuarios?inativos=true");
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar visualização" }).ClickAsync();
            await page.GetByLabel("Nome da visualização *").FillAsync("Com inativos");
            await page.GetByLabel("Usar como padrão").CheckAsync();
            await BrowserFixture.ScreenshotAsync(page, "saved-views-form-desktop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(viewUrl);
            await Expect(page.GetByText("Visualização salva e definida como padrão.")).ToBeVisibleAsync();

            // PLT-17 as a user lives it: the menu entry opens the list with the saved filters.
            await page.GetByRole(AriaRole.Link, new() { Name = "Usuários" }).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(viewUrl);
            await page.GetByRole(AriaRole.Button, new() { Name = "Visualizações: Com inativos" }).ClickAsync();
            await BrowserFixture.ScreenshotAsync(page, "saved-views-menu-desktop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Excluir “Com inativos”" }).ClickAsync();
            // Bootstrap ignores hide() while the modal is still fading in: click once it is shown (OK focused).
            await Expect(page.Locator("#confirm-modal-message")).ToHaveTextAsync("Excluir a visualização “Com inativos”?");
            await Expect(page.Locator("#confirm-modal-ok")).ToBeFocusedAsync();
            await page.Locator("#confirm-modal-ok").ClickAsync();
            await Expect(page.Locator("[data-saved-views] li[data-view-kind=own]")).ToHaveCountAsync(0);
            await Expect(page.GetByText("Visualização excluída.")).ToBeVisibleAsync();
            problems.AssertClean();
        });
    }
}
