using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The shell in a real browser (platform.md §9, UI.md): keyboard order on /login, desktop sidebar, phone menu.</summary>
[Collection(SqliteCollection.Name)]
public sealed class ShellBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Tab_on_login_goes_through_email_password_remember_me_and_entrar_in_order()
    {
        await using var context = await browser.NewContextAsync(portal.App.BaseAddress);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Tab_on_login_goes_through_email_password_remember_me_and_entrar_in_order), async () =>
        {
            await page.GotoAsync("/login");
            var email = page.GetByLabel("E-mail", new() { Exact = true });
            await Expect(email).ToBeFocusedAsync(); // autofocus: people type right away

            // From the top of the card, as someone who clicked the page first.
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(email).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByLabel("Senha", new() { Exact = true })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByLabel("Lembrar-me", new() { Exact = true })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true })).ToBeFocusedAsync();
        });
    }

    [Fact]
    public async Task Desktop_shows_the_sidebar_beside_the_content_and_below_the_top_bar()
    {
        var user = await portal.Users.CreateAsync(roles: ["Colaborador"]);
        await using var context = await browser.NewContextAsync(portal.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Desktop_shows_the_sidebar_beside_the_content_and_below_the_top_bar), async () =>
        {
            await BrowserFixture.LoginAsync(page, user);
            var sidebar = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });
            await Expect(sidebar).ToBeVisibleAsync();
            await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Início" })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).ToBeHiddenAsync();

            // Nothing hides under the sticky top bar, and the content sits to the right of the sidebar.
            var topbar = (await page.GetByRole(AriaRole.Banner).BoundingBoxAsync())!;
            var side = (await sidebar.BoundingBoxAsync())!;
            var main = (await page.GetByRole(AriaRole.Main).BoundingBoxAsync())!;
            Assert.True(side.Y >= topbar.Y + topbar.Height - 1, $"sidebar top {side.Y} under top bar bottom {topbar.Y + topbar.Height}");
            Assert.True(main.Y >= topbar.Y + topbar.Height - 1, $"main top {main.Y} under top bar bottom {topbar.Y + topbar.Height}");
            Assert.True(main.X >= side.X + side.Width - 1, $"main left {main.X} overlaps sidebar right {side.X + side.Width}");
            problems.AssertClean();
        });
    }

    [Fact]
    public async Task Phone_hides_the_sidebar_and_the_menu_button_opens_it_as_offcanvas()
    {
        var user = await portal.Users.CreateAsync(roles: ["Colaborador"]);
        await using var context = await browser.NewContextAsync(portal.App.BaseAddress, BrowserFixture.Phone);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Phone_hides_the_sidebar_and_the_menu_button_opens_it_as_offcanvas), async () =>
        {
            await page.GotoAsync("/login");
            await BrowserFixture.ScreenshotAsync(page, "10-login-phone");
            await BrowserFixture.LoginAsync(page, user);
            var sidebar = page.Locator("#portal-sidebar");
            await Expect(sidebar).ToBeHiddenAsync();
            await BrowserFixture.AssertNoHorizontalScrollAsync(page);
            // On phones the name is visually hidden but still names the user menu button.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = user.FullName })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync();
            await Expect(sidebar).ToBeVisibleAsync();
            await Expect(sidebar).ToHaveClassAsync(new Regex(@"\bshow\b")); // transition finished
            var home = sidebar.GetByRole(AriaRole.Link, new() { Name = "Início" });
            await Expect(home).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "11-menu-phone");

            await sidebar.GetByRole(AriaRole.Button, new() { Name = "Fechar" }).ClickAsync();
            await Expect(sidebar).ToBeHiddenAsync();
            problems.AssertClean();
        });
    }

    [Fact]
    public async Task The_csp_watch_is_not_blind_an_inline_style_attribute_is_reported()
    {
        await using var context = await browser.NewContextAsync(portal.App.BaseAddress);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        Assert.Empty(problems.CspViolations);

        await page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')");
        for (var i = 0; i < 100 && problems.CspViolations.Count == 0; i++) await Task.Delay(50); // events arrive asynchronously
        Assert.Contains(problems.CspViolations, v => v.Contains("style", StringComparison.Ordinal));
    }
}
