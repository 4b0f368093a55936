using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Task screens in a real browser (issue 4 browser journey): create a task with an attachment, open it, reply in the
/// conversation, and as the assignee see the unread badge and then see it clear after opening the conversation.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class TaskDetailBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Create_with_attachment_reply_and_the_assignee_sees_the_unread_badge_clear_after_opening()
    {
        var app = portal.App;
        var fiscal = await app.WithDbAsync(db => db.Sectors.Where(s => s.Name == "Fiscal").Select(s => s.Id).SingleAsync());
        var author = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var assignee = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var title = "Conferir guias " + Guid.NewGuid().ToString("N")[..8];

        await using var context = await browser.NewContextAsync(app.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        long id = 0;
        await BrowserFixture.RunAsync(page, "tarefa-criar-responder", async () =>
        {
            await BrowserFixture.LoginAsync(page, author);
            await page.GotoAsync($"/tarefas/nova?setor={fiscal}&voltar=/inicio");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nova tarefa" })).ToBeVisibleAsync();
            await page.GetByLabel("Título *").FillAsync(title);
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Descrição" }).FillAsync("Guias de ICMS do mês.");
            await page.GetByLabel("Responsável").SelectOptionAsync(assignee.Id.ToString());
            await page.GetByLabel("Prioridade *").SelectOptionAsync("High");
            await page.GetByLabel("Anexos").SetInputFilesAsync(new FilePayload
            {
                Name = "guia-icms.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
            });
            await BrowserFixture.ScreenshotAsync(page, "40-tarefa-nova-desktop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Criar tarefa" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/inicio$"));
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Tarefa criada.");

            id = await app.WithDbAsync(db => db.Tasks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
            await page.GotoAsync($"/tarefas/{id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
            await Expect(page.Locator("#anexos").GetByRole(AriaRole.Link, new() { Name = "guia-icms.pdf" })).ToHaveAttributeAsync("href", new Regex("^/arquivos/"));

            await page.GetByRole(AriaRole.Textbox, new() { Name = "Responder" }).FillAsync("Guias anexadas, pode conferir?");
            await page.Locator("#conversa-body").GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true }).ClickAsync();
            await Expect(page.Locator("#conversa-body")).ToContainTextAsync("Guias anexadas, pode conferir?");
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Mensagem enviada.");
            await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Responder" })).ToHaveTextAsync(""); // ready for the next message
            await BrowserFixture.ScreenshotAsync(page, "41-tarefa-detalhe-desktop");
        });

        await using var other = await browser.NewContextAsync(app.BaseAddress, BrowserFixture.Desktop);
        await problems.WatchAsync(other);
        var second = await other.NewPageAsync();
        await BrowserFixture.RunAsync(second, "tarefa-nao-lidas", async () =>
        {
            await BrowserFixture.LoginAsync(second, assignee);
            await second.GotoAsync($"/tarefas/{id}");
            await Expect(second.Locator("#unread-count")).ToHaveTextAsync("1 não lida");
            await Expect(second.Locator("#unread-tab")).ToHaveTextAsync("1");
            await Expect(second.Locator("#conversa-body")).Not.ToContainTextAsync("Guias anexadas");
            await BrowserFixture.ScreenshotAsync(second, "42-tarefa-nao-lida-desktop");

            await second.GetByRole(AriaRole.Link, new() { Name = "Abrir conversa" }).ClickAsync();
            await Expect(second.Locator("#conversa-body")).ToContainTextAsync("Guias anexadas, pode conferir?");
            await Expect(second.Locator("#novas-mensagens")).ToBeVisibleAsync();
            await Expect(second.Locator("#unread-count")).ToHaveTextAsync("");
            await Expect(second.Locator("#unread-tab")).ToBeHiddenAsync(); // an empty badge is not shown
            Assert.EndsWith($"/tarefas/{id}", second.Url); // opened in place by htmx

            await second.ReloadAsync();
            await Expect(second.Locator("#unread-count")).ToHaveTextAsync("");
            await Expect(second.Locator("#conversa-body")).ToContainTextAsync("Guias anexadas, pode conferir?");

            // The history tab lists the creation and the attachment.
            await second.GetByRole(AriaRole.Tab, new() { Name = "Histórico" }).ClickAsync();
            await Expect(second.Locator("#painel-historico")).ToContainTextAsync("criou a tarefa");
            await Expect(second.Locator("#painel-historico")).ToContainTextAsync("anexou guia-icms.pdf");
            await browser.ScreenshotBothAsync(second, "43-tarefa-detalhe", problems);
        });
        Assert.True(await app.WithDbAsync(db => db.TaskReadStates.AnyAsync(r => r.TaskId == id && r.UserId == assignee.Id)));
        problems.AssertClean();
    }
}
