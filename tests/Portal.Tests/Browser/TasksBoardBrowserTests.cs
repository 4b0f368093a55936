using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Features.Tasks;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Browser;

/// <summary>
/// TSK-29 in a real browser: dragging a card from Pendente to Em andamento performs "Iniciar" with history; the card's
/// buttons do the same from the keyboard; a drop the user may not make (refused by the rules in the page or by the
/// server) puts the card back where it was.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class TasksBoardBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PortalApp App => portal.App;

    private static ILocator Column(IPage page, TaskItemStatus status) => page.Locator($"section[data-column={status}] [data-task-column]");

    private static ILocator CardIn(IPage page, TaskItemStatus status, long id) => Column(page, status).Locator($"#tarefa-{id}");

    /// <summary>A pointer drag as a person does it: press on the card's grip, move in steps, release over the column.</summary>
    private static async Task DragAsync(IPage page, long id, TaskItemStatus to)
    {
        var grip = (await page.Locator($"#tarefa-{id} .task-drag-handle").BoundingBoxAsync())!;
        var target = (await Column(page, to).BoundingBoxAsync())!;
        var (x, y) = (grip.X + grip.Width / 2, grip.Y + grip.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 12, y + 12, new() { Steps = 4 });
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + Math.Min(30, target.Height / 2), new() { Steps = 20 });
        await page.Mouse.UpAsync();
    }

    private Task<TaskItemStatus> StatusAsync(long id) => App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());

    [Fact]
    public async Task TSK29_drag_and_keyboard_change_the_status_and_a_refused_drop_returns_the_card()
    {
        var sector = await AccessTestData.SectorAsync(App);
        var member = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var colleague = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var dragged = await CreateAsync(App, member, new TaskInput("Arrastar para andamento", SectorId: sector.Id, Priority: TaskPriority.High));
        var keyboard = await CreateAsync(App, member, new TaskInput("Iniciar pelo teclado", SectorId: sector.Id));
        var refused = await CreateAsync(App, member, new TaskInput("Não pode ir direto para concluída", SectorId: sector.Id));
        var lost = await CreateAsync(App, colleague, new TaskInput("Perdi o acesso", SectorId: sector.Id, Priority: TaskPriority.Low));

        await using var context = await browser.NewContextAsync(App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(TSK29_drag_and_keyboard_change_the_status_and_a_refused_drop_returns_the_card), async () =>
        {
            await BrowserFixture.LoginAsync(page, member);
            await page.GotoAsync($"/tarefas/setor/{sector.Id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pendente (4)" })).ToBeVisibleAsync();

            // Drag → "Iniciar": same rules and history as the button.
            await DragAsync(page, dragged, TaskItemStatus.InProgress);
            await Expect(CardIn(page, TaskItemStatus.InProgress, dragged)).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Em andamento (1)" })).ToBeVisibleAsync();
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Status alterado para Em andamento.");
            Assert.Equal(TaskItemStatus.InProgress, await StatusAsync(dragged));
            var history = await App.WithDbAsync(db => db.TaskHistory.Where(h => h.TaskId == dragged && h.Kind == TaskHistoryKind.StatusChanged).ToListAsync());
            var moved = Assert.Single(history);
            Assert.Equal(("Pendente", "Em andamento", (long?)member.Id), (moved.OldValue, moved.NewValue, moved.ById));
            await BrowserFixture.ScreenshotAsync(page, "40-tarefas-quadro-arrastado-desktop");

            // Keyboard alternative: Tab to the card's "Iniciar" and press Enter; focus lands on the moved card.
            var start = page.Locator($"#tarefa-{keyboard}").GetByRole(AriaRole.Button, new() { Name = "Iniciar" });
            await start.FocusAsync();
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Tab");
            await Expect(start).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(CardIn(page, TaskItemStatus.InProgress, keyboard)).ToBeVisibleAsync();
            await Expect(page.Locator($"#tarefa-{keyboard}")).ToBeFocusedAsync();
            Assert.Equal(TaskItemStatus.InProgress, await StatusAsync(keyboard));

            // Pendente → Concluída is not a move a member may make: the column refuses the drop and the card stays
            // (even though the drag passed over Em andamento on its way).
            await DragAsync(page, refused, TaskItemStatus.Done);
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Transição não permitida.");
            await Expect(CardIn(page, TaskItemStatus.Pending, refused)).ToBeVisibleAsync();
            Assert.Equal(TaskItemStatus.Pending, await StatusAsync(refused));

            // The server refuses too: access lost after the page was drawn → the card returns to Pendente, with a toast.
            problems.ExpectedErrorPaths.Add($"/tarefas/setor/{sector.Id}"); // the refused POST answers 404 on purpose
            await App.WithDbAsync(db => db.SectorMemberships.Where(m => m.UserId == member.Id && m.SectorId == sector.Id).ExecuteDeleteAsync());
            await DragAsync(page, lost, TaskItemStatus.InProgress);
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Este quadro não está disponível para você.");
            await Expect(CardIn(page, TaskItemStatus.Pending, lost)).ToBeVisibleAsync();
            await Expect(Column(page, TaskItemStatus.InProgress).Locator($"#tarefa-{lost}")).ToHaveCountAsync(0);
            Assert.Equal(TaskItemStatus.Pending, await StatusAsync(lost));

            problems.AssertClean();
        });
    }

    [Fact]
    public async Task The_boards_render_cleanly_on_desktop_and_phone()
    {
        var sector = await AccessTestData.SectorAsync(App);
        var member = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var today = Portal.Platform.Time.SaoPaulo.Today(TimeProvider.System);
        var parent = await CreateAsync(App, member, new TaskInput("Fechamento mensal com um título bem comprido para quebrar a linha", SectorId: sector.Id,
            AssigneeId: member.Id, Priority: TaskPriority.High, DueDate: today.AddDays(-1)));
        await CreateAsync(App, member, new TaskInput("Parte 1", ParentId: parent));
        await CreateAsync(App, member, new TaskInput("Guia de recolhimento", SectorId: sector.Id, DueDate: today.AddDays(1)));
        await CreateAsync(App, member, new TaskInput("Lembrete", IsPrivate: true));
        var done = await CreateAsync(App, member, new TaskInput("Entregue", SectorId: sector.Id));
        await ChangeStatusAsync(App, member, done, TaskItemStatus.InProgress);
        await ChangeStatusAsync(App, member, done, TaskItemStatus.Done);

        await using var context = await browser.NewContextAsync(App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(The_boards_render_cleanly_on_desktop_and_phone), async () =>
        {
            await BrowserFixture.LoginAsync(page, member);
            foreach (var (name, url) in new[]
                     {
                         ("41-tarefas-setor", $"/tarefas/setor/{sector.Id}?destaque={parent}"), ("42-tarefas-visao-geral", "/tarefas/visao-geral"),
                         ("43-tarefas-minhas", "/tarefas/minhas"), ("44-tarefas-pessoais", "/tarefas/pessoais"), ("45-tarefas-historico", "/tarefas/historico"),
                     })
            {
                await page.GotoAsync(url);
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                await browser.ScreenshotBothAsync(page, name, problems);
            }
            problems.AssertClean();
        });
    }
}
