using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Features.Notifications;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The rule form in a real browser (notifications.md §8): an administrator creates a rule with the mouse, under the strict CSP.</summary>
[Collection(SqliteCollection.Name)]
public sealed class NotificationRulesBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PortalApp App => portal.App;

    [Fact]
    public async Task An_administrator_creates_a_rule_from_the_list()
    {
        var target = await portal.Users.CreateAsync(roles: ["Colaborador"]);
        var name = "Falhas de tarefas " + Guid.NewGuid().ToString("N")[..6];
        await using var context = await browser.NewContextAsync(App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(An_administrator_creates_a_rule_from_the_list), async () =>
        {
            var admin = portal.Users.Administrator;
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(admin.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(admin.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/inicio");

            await page.GotoAsync("/admin/notificacoes/regras");
            await page.GetByRole(AriaRole.Link, new() { Name = "Nova regra" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nova regra de notificação");
            await page.GetByLabel("Nome", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel("Módulo").SelectOptionAsync("system");
            await page.GetByLabel("Gatilho").SelectOptionAsync("system.job_failed");
            await page.GetByLabel("Usuários", new() { Exact = true }).SelectOptionAsync(target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("E-mail", new() { Exact = true }).CheckAsync();
            await BrowserFixture.ScreenshotAsync(page, "70-regra-notificacao-nova");
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();

            await page.WaitForURLAsync("**/admin/notificacoes/regras");
            await Expect(page.Locator("tr[data-rule-id]", new() { HasText = name })).ToContainTextAsync(target.FullName);
            var rule = await App.WithDbAsync(db => db.NotificationRules.AsNoTracking().Include(r => r.Recipients).SingleAsync(r => r.Name == name));
            Assert.Equal("system.job_failed", rule.Trigger);
            Assert.Equal(NotificationChannels.InApp | NotificationChannels.Email, rule.Channels);
            problems.AssertClean();
        });
    }
}
