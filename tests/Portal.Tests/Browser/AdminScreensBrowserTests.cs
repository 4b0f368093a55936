using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Platform.Authorization;
using Portal.Tests.Admin;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Administração and "Meu perfil" in a real browser as an administrator (identity.md §10, platform.md §12, UI.md):
/// every screen on desktop and phone without CSP violations, console errors, broken assets or sideways scrolling,
/// and the main journeys done with mouse and keyboard.
/// </summary>
public sealed class AdminScreensBrowserTests(AdminScreensApp site, BrowserFixture browser)
    : IClassFixture<AdminScreensApp>, IClassFixture<BrowserFixture>
{
    private static readonly PageGotoOptions Load = new() { WaitUntil = WaitUntilState.Load };

    [Fact]
    public async Task Every_admin_screen_renders_cleanly_on_desktop_and_phone()
    {
        var ids = await site.App.WithDbAsync(async db => new
        {
            User = await db.Users.Where(u => u.Username == "gestor").Select(u => u.Id).SingleAsync(),
            Sector = await db.Sectors.Where(s => s.Name == "Fiscal").Select(s => s.Id).SingleAsync(),
            Role = await db.Roles.Where(r => r.Name == "Gestor").Select(r => r.Id).SingleAsync(),
            Audit = await db.AuditEntries.Where(a => a.ResourceType == "User").OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
        });
        (string Name, string Url, string? Heading)[] screens =
        [
            ("usuarios", "/admin/usuarios", "Usuários"),
            ("usuario-novo", "/admin/usuarios/novo", "Novo usuário"),
            ("usuario-editar", $"/admin/usuarios/{ids.User}/editar", "Editar usuário"),
            ("usuario-senha-temporaria", $"/admin/usuarios/{ids.User}/senha-temporaria", "Senha temporária"),
            ("usuario-permissoes", $"/admin/usuarios/{ids.User}/permissoes", "Permissões efetivas"),
            ("setores", "/admin/setores", "Setores"),
            ("setor-editar", $"/admin/setores/editar/{ids.Sector}", "Editar setor"),
            ("papeis", "/admin/papeis", "Papéis"),
            ("papel-editar", $"/admin/papeis/editar/{ids.Role}", "Editar papel"),
            ("permissoes", "/admin/permissoes", "Permissões"),
            ("listas", "/admin/listas", "Listas"),
            ("lista-valores", "/admin/listas/client_systems", "Sistemas e consultorias usados pelos clientes"),
            ("configuracoes", "/admin/configuracoes", "Configurações"),
            ("auditoria", "/admin/auditoria", "Auditoria"),
            ("auditoria-registro", $"/admin/auditoria/{ids.Audit}", null),
            ("perfil", "/perfil", "Meu perfil"),
            ("perfil-sessoes", "/perfil/sessoes", "Sessões ativas"),
            ("privacidade", "/privacidade", "Privacidade e cookies"),
        ];

        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Every_admin_screen_renders_cleanly_on_desktop_and_phone), async () =>
        {
            await LoginAsync(page);
            // Every screen is checked even after a failure, so one run lists all broken screens.
            var failures = new List<string>();
            for (var i = 0; i < screens.Length; i++)
            {
                var (name, url, heading) = screens[i];
                var before = Collected(problems);
                var response = await page.GotoAsync(url, Load);
                if (response?.Status != 200) failures.Add($"{url}: HTTP {response?.Status}");
                var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
                if (heading is null) await Expect(h1).ToBeVisibleAsync();
                else await Expect(h1).ToHaveTextAsync(heading);
                try
                {
                    await BrowserFixture.AssertNoHorizontalScrollAsync(page);
                    await browser.ScreenshotBothAsync(page, $"admin-{i + 1:00}-{name}", problems);
                }
                catch (XunitException e)
                {
                    failures.Add(e.Message);
                }
                failures.AddRange(Collected(problems).Except(before).Select(p => $"{url}: {p}"));
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            problems.AssertClean();
        });
    }

    [Fact]
    public async Task Creating_a_user_shows_the_email_error_under_the_field_then_the_success_toast()
    {
        const string Username = "helena.ribeiro";
        const string FullName = "Helena Ribeiro Souza";
        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Creating_a_user_shows_the_email_error_under_the_field_then_the_success_toast), async () =>
        {
            await LoginAsync(page);
            await page.GotoAsync("/admin/usuarios");
            await page.GetByRole(AriaRole.Link, new() { Name = "Novo usuário" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin/usuarios/novo$"));

            var email = page.GetByLabel("E-mail *", new() { Exact = true });
            await email.FillAsync("helena.ribeiro@");
            await page.GetByLabel("Nome de usuário *", new() { Exact = true }).FillAsync(Username);
            await page.GetByLabel("Nome completo *", new() { Exact = true }).FillAsync(FullName);
            await page.GetByLabel("Fiscal", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Colaborador", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Criar usuário" }).ClickAsync();

            var error = page.Locator(".col-lg-6", new() { Has = email }).GetByText("E-mail inválido.", new() { Exact = true });
            await Expect(error).ToBeVisibleAsync();
            Assert.True((await error.BoundingBoxAsync())!.Y > (await email.BoundingBoxAsync())!.Y, "the message sits under the field");
            await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
            // Nothing typed is lost.
            await Expect(page.GetByLabel("Nome completo *", new() { Exact = true })).ToHaveValueAsync(FullName);
            await Expect(page.GetByLabel("Fiscal", new() { Exact = true })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Colaborador", new() { Exact = true })).ToBeCheckedAsync();
            await BrowserFixture.ScreenshotAsync(page, "admin-30-usuario-novo-erro-desktop");
            Assert.False(await site.App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == Username)));

            // Corrected and sent with Enter, as people do.
            await email.FillAsync("helena.ribeiro@demo.portal.local");
            await email.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Status).GetByText("Usuário criado.", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin/usuarios\\?q=helena\\.ribeiro$"));
            await Expect(page.GetByRole(AriaRole.Row, new() { Name = FullName })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "admin-31-usuario-criado-desktop");

            var created = await site.App.WithDbAsync(db => db.Users.Where(u => u.Username == Username).Select(u => new
            {
                u.Email,
                Sectors = u.Sectors.Select(m => m.Sector.Name).ToList(),
                Roles = u.Roles.Select(r => r.Role.Name).ToList(),
            }).SingleAsync());
            Assert.Equal("helena.ribeiro@demo.portal.local", created.Email);
            Assert.Equal(["Fiscal"], created.Sectors);
            Assert.Equal(["Colaborador"], created.Roles);
            problems.AssertClean();
        });
    }

    [Fact]
    public async Task A_permission_cell_flips_in_place_with_a_toast_and_the_grant_survives_a_reload()
    {
        const string Code = Permissions.AuditView;
        const string Grantee = "Setor Pessoal";
        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(A_permission_cell_flips_in_place_with_a_toast_and_the_grant_survives_a_reload), async () =>
        {
            await LoginAsync(page);
            await page.GotoAsync("/admin/permissoes");
            var url = page.Url;
            var grant = page.GetByRole(AriaRole.Button, new() { Name = $"Conceder {Code} a {Grantee}", Exact = true });
            var remove = page.GetByRole(AriaRole.Button, new() { Name = $"Remover {Code} de {Grantee}", Exact = true });
            await Expect(grant).ToHaveAttributeAsync("aria-pressed", "false");

            // Many roles and sectors scroll sideways; the permission column stays in view.
            var rowHeader = page.Locator("#perm-audit-view > th");
            var before = (await rowHeader.BoundingBoxAsync())!.X;
            var scrolled = await page.Locator("#permission-matrix .table-scroll").EvaluateAsync<double>("el => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; }");
            Assert.True(scrolled > 0, "the matrix is wider than the screen in this test");
            Assert.Equal(before, (await rowHeader.BoundingBoxAsync())!.X, 1.0);

            // A marker on window disappears with a full page load; htmx only swaps the cell.
            await page.EvaluateAsync("() => { window.portalSamePage = true; }");
            await grant.ClickAsync();
            await Expect(remove).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.GetByRole(AriaRole.Status).GetByText($"Permissão concedida: {Code} → {Grantee}.")).ToBeVisibleAsync();
            Assert.Equal(url, page.Url);
            Assert.True(await page.EvaluateAsync<bool>("() => window.portalSamePage === true"), "the page was reloaded");
            await BrowserFixture.ScreenshotAsync(page, "admin-32-permissao-concedida-desktop");

            await page.ReloadAsync();
            await Expect(remove).ToHaveAttributeAsync("aria-pressed", "true");
            Assert.Contains(Code, await SectorGrantsAsync("Pessoal"));

            // And back, from the keyboard.
            await page.EvaluateAsync("() => { window.portalSamePage = true; }");
            await remove.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(grant).ToHaveAttributeAsync("aria-pressed", "false");
            await Expect(page.GetByRole(AriaRole.Status).GetByText($"Permissão removida: {Code} → {Grantee}.")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.portalSamePage === true"), "the page was reloaded");
            Assert.DoesNotContain(Code, await SectorGrantsAsync("Pessoal"));
            problems.AssertClean();
        });
    }

    [Fact]
    public async Task Deleting_an_unused_sector_asks_first_cancel_keeps_it_confirm_removes_it()
    {
        var sector = await AccessTestData.SectorAsync(site.App, name: AccessTestData.Unique("Setor Temporário"));
        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Deleting_an_unused_sector_asks_first_cancel_keeps_it_confirm_removes_it), async () =>
        {
            await LoginAsync(page);
            await page.GotoAsync("/admin/setores");
            var row = page.Locator($"tr[data-sector-id='{sector.Id}']");
            var delete = row.GetByRole(AriaRole.Button, new() { Name = $"Excluir {sector.Name}", Exact = true });
            var modal = page.GetByRole(AriaRole.Dialog, new() { Name = "Confirmar" });

            await delete.ClickAsync();
            await Expect(modal).ToBeVisibleAsync();
            await Expect(modal).ToContainTextAsync($"Excluir o setor {sector.Name}?");
            await BrowserFixture.ScreenshotAsync(page, "admin-33-setor-excluir-confirmacao-desktop");
            await modal.GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();
            await Expect(modal).ToBeHiddenAsync();
            await Expect(delete).ToBeFocusedAsync(); // keyboard users land where they were
            await Expect(row).ToBeVisibleAsync();
            Assert.True(await SectorExistsAsync(sector.Id));

            await delete.ClickAsync();
            var ok = modal.GetByRole(AriaRole.Button, new() { Name = "Confirmar", Exact = true });
            await Expect(ok).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Status).GetByText("Setor excluído.", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(row).ToHaveCountAsync(0);
            Assert.False(await SectorExistsAsync(sector.Id));
            problems.AssertClean();
        });
    }

    [Fact]
    public async Task Changing_firm_name_and_brand_colour_updates_the_top_bar()
    {
        const string NewName = "Ribeiro & Souza Contabilidade";
        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Changing_firm_name_and_brand_colour_updates_the_top_bar), async () =>
        {
            await LoginAsync(page);
            await page.GotoAsync("/admin/configuracoes");
            var name = page.GetByLabel("Nome do escritório *", new() { Exact = true });
            var colour = page.GetByLabel("Cor principal *", new() { Exact = true });
            var save = page.GetByRole(AriaRole.Button, new() { Name = "Salvar identidade visual" });
            var banner = page.GetByRole(AriaRole.Banner);
            var (oldName, oldColour) = (await name.InputValueAsync(), await colour.InputValueAsync());
            Assert.NotEqual(NewName, oldName);

            await name.FillAsync(NewName);
            await colour.FillAsync("#1a7f37");
            await save.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).GetByText("Configurações salvas.", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync(NewName);
            await Expect(banner).ToHaveCSSAsync("background-color", "rgb(26, 127, 55)");
            await Expect(page).ToHaveTitleAsync("Configurações · " + NewName);
            // From the top (the save lands on #identidade-visual), so the screenshots show the top bar in place.
            await page.GotoAsync("/admin/configuracoes");
            await browser.ScreenshotBothAsync(page, "admin-34-configuracoes-nova-marca", problems);

            // Back to the demo branding: the other tests of this class share the app.
            await name.FillAsync(oldName);
            await colour.FillAsync(oldColour);
            await save.ClickAsync();
            await Expect(banner).ToContainTextAsync(oldName);
            await Expect(banner).Not.ToContainTextAsync(NewName);
            problems.AssertClean();
        });
    }

    private async Task LoginAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(AdminScreensApp.AdminEmail);
        await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(site.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inicio$"));
    }

    private static HashSet<string> Collected(BrowserProblems problems) =>
    [
        .. problems.CspViolations.Select(v => "CSP: " + v),
        .. problems.ConsoleErrors.Select(v => "console: " + v),
        .. problems.FailedRequests.Select(v => "request: " + v),
    ];

    private Task<List<string>> SectorGrantsAsync(string sector) =>
        site.App.WithDbAsync(db => db.PermissionGrants.Where(g => g.Sector!.Name == sector).Select(g => g.PermissionCode).ToListAsync());

    private Task<bool> SectorExistsAsync(long id) => site.App.WithDbAsync(db => db.Sectors.AnyAsync(s => s.Id == id));
}
