using Microsoft.Playwright;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Browser;

/// <summary>
/// NTF-16: with the real-time stream blocked, the page falls back to polling /notificacoes/recentes and still shows new
/// notifications. A private app polls every second (Notifications:PollSeconds) so the test need not wait 30 s.
/// </summary>
public sealed class NotificationsPollingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NTF16_without_the_stream_the_page_polls_and_still_shows_new_notifications()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Notifications:PollSeconds"] = "1" });
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync(); // past the first-run setup
        var sector = await AccessTestData.SectorAsync(app, name: AccessTestData.Unique("Fiscal"));
        var a = await users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var b = await users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);

        await using var context = await browser.NewContextAsync(app.BaseAddress, BrowserFixture.Desktop);
        // A proxy that refuses event streams: EventSource fails every time.
        await context.RouteAsync("**/eventos/stream", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(NTF16_without_the_stream_the_page_polls_and_still_shows_new_notifications), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(b.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(b.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/inicio");
            await Expect(page.Locator("html[data-realtime=down]")).ToHaveCountAsync(1);

            await CreateAsync(app, a, new TaskInput("Enviar SPED Fiscal", SectorId: sector.Id, AssigneeId: b.Id));

            await Expect(page.Locator(".portal-notification-toast")).ToContainTextAsync("Enviar SPED Fiscal", new() { Timeout = 5000 });
            await Expect(page.Locator("#portal-bell-badge")).ToContainTextAsync("1");
        });
    }
}
