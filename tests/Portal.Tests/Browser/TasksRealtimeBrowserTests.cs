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
/// TSK-21 and TSK-28 in a real browser: user A looks at the Fiscal board while user B works elsewhere; A's board
/// follows B's changes within 2 seconds without reloading, and all of A's tabs share one stream.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class TasksRealtimeBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Within2s = new() { Timeout = 2000 };

    private PortalApp App => portal.App;

    private static ILocator CardIn(IPage page, TaskItemStatus status, long id) =>
        page.Locator($"section[data-column={status}] [data-task-column] #tarefa-{id}");

    [Fact]
    public async Task TSK21_TSK28_the_board_follows_other_users_changes_without_reloading()
    {
        var fiscal = await AccessTestData.SectorAsync(App, name: AccessTestData.Unique("Fiscal"));
        var contabil = await AccessTestData.SectorAsync(App, name: AccessTestData.Unique("Contábil"));
        var viewer = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);
        var worker = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name, contabil.Name]);
        var started = await CreateAsync(App, worker, new TaskInput("Apurar ICMS do mês", SectorId: fiscal.Id));
        var transferred = await CreateAsync(App, worker, new TaskInput("Conferir balancete", SectorId: fiscal.Id));

        await using var context = await browser.NewContextAsync(App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(TSK21_TSK28_the_board_follows_other_users_changes_without_reloading), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(viewer.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(viewer.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/inicio");
            var board = $"/tarefas/setor/{fiscal.Id}";
            await page.GotoAsync(board);
            await Expect(CardIn(page, TaskItemStatus.Pending, started)).ToBeVisibleAsync();
            var second = await context.NewPageAsync();
            await second.GotoAsync(board);
            await Expect(CardIn(second, TaskItemStatus.Pending, started)).ToBeVisibleAsync();
            await WaitForStreamAsync(viewer.Id);

            // TSK-21: B starts the task; both of A's tabs show it in "Em andamento" without a reload.
            await ChangeStatusAsync(App, worker, started, TaskItemStatus.InProgress);
            await Expect(CardIn(page, TaskItemStatus.InProgress, started)).ToBeVisibleAsync(Within2s);
            await Expect(CardIn(second, TaskItemStatus.InProgress, started)).ToBeVisibleAsync(Within2s);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Em andamento (1)" })).ToBeVisibleAsync();

            // TSK-28: transferred to Contábil, the card leaves the Fiscal board.
            var result = await AsUserAsync(App, worker, s => s.TransferAsync(transferred, contabil.Id, null));
            Assert.True(result.Succeeded, result.Message);
            await Expect(page.Locator($"#tarefa-{transferred}")).ToHaveCountAsync(0, new() { Timeout = 2000 });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pendente (0)" })).ToBeVisibleAsync();

            // One stream for the whole browser: the second tab listens through the first one's connection.
            Assert.Equal(1, Streams(viewer.Id));
            await BrowserFixture.ScreenshotAsync(page, "45-tarefas-quadro-ao-vivo-desktop");
            problems.AssertClean();
        });
    }

    private int Streams(long userId) =>
        App.Services.GetRequiredService<RealtimeBroadcaster>().Connections().Count(c => c.UserId == userId);

    private async Task WaitForStreamAsync(long userId)
    {
        for (var i = 0; i < 50 && Streams(userId) == 0; i++) await Task.Delay(100);
        Assert.True(Streams(userId) > 0, "the board never opened its real-time stream");
    }
}
