using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Tasks;
using Portal.Platform.Realtime;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Browser;

/// <summary>
/// NTF-01 in a real browser (issue 5's acceptance): user A assigns a task to user B; B's open page shows the toast and
/// the bell's badge within 2 seconds without reloading; the dropdown lists it and "Marcar todas como lidas" clears it.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class NotificationsBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Within2s = new() { Timeout = 2000 };

    private PortalApp App => portal.App;

    [Fact]
    public async Task NTF01_an_assignment_shows_the_toast_and_the_badge_without_reloading()
    {
        var fiscal = await AccessTestData.SectorAsync(App, name: AccessTestData.Unique("Fiscal"));
        var a = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);
        var b = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);

        await using var context = await browser.NewContextAsync(App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(NTF01_an_assignment_shows_the_toast_and_the_badge_without_reloading), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(b.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(b.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/inicio");
            var badge = page.Locator("#portal-bell-badge");
            await Expect(badge).ToBeHiddenAsync();
            await WaitForStreamAsync(b.Id);

            var id = await CreateAsync(App, a, new TaskInput("Apurar ICMS de outubro", SectorId: fiscal.Id, AssigneeId: b.Id));

            var toast = page.Locator(".portal-notification-toast");
            await Expect(toast).ToBeVisibleAsync(Within2s);
            await Expect(toast).ToContainTextAsync($"{a.FullName} atribuiu a você a tarefa “Apurar ICMS de outubro”");
            await Expect(badge).ToBeVisibleAsync(Within2s);
            await Expect(badge).ToContainTextAsync("1");
            await BrowserFixture.ScreenshotAsync(page, "60-notificacoes-toast-desktop");

            // The dropdown lists it (htmx) and links to the task's board.
            await page.Locator("#portal-bell-button").ClickAsync();
            var item = page.Locator("#portal-bell-menu form[action$='/abrir']").First;
            await Expect(item).ToContainTextAsync("Apurar ICMS de outubro");
            await BrowserFixture.ScreenshotAsync(page, "61-notificacoes-sino-desktop");
            await page.Locator("#portal-bell-menu").GetByRole(AriaRole.Button, new() { Name = "Marcar todas como lidas" }).ClickAsync();
            await Expect(badge).ToBeHiddenAsync();

            // Opening it from the center goes to the board with the card highlighted.
            await page.GotoAsync("/notificacoes");
            await Expect(page.Locator("#notificacoes-lista")).ToContainTextAsync("Apurar ICMS de outubro");
            await browser.ScreenshotBothAsync(page, "62-notificacoes-central", problems);
            await page.GetByRole(AriaRole.Button, new() { Name = "Abrir" }).First.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains($"/tarefas/setor/{fiscal.Id}", StringComparison.Ordinal));
            Assert.Contains($"destaque={id}", page.Url, StringComparison.Ordinal);
            problems.AssertClean();
        });
    }

    private int Streams(long userId) =>
        App.Services.GetRequiredService<RealtimeBroadcaster>().Connections().Count(c => c.UserId == userId);

    private async Task WaitForStreamAsync(long userId)
    {
        for (var i = 0; i < 50 && Streams(userId) == 0; i++) await Task.Delay(100);
        Assert.True(Streams(userId) > 0, "the page never opened its real-time stream");
    }
}
