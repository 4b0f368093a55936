using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Features.Tasks;
using Portal.Tests.Clients;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The task form's client picker with the keyboard only: type part of the name without accents, arrow down to the
/// option, Enter, and the task page shows "código – nome".
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class TaskClientPickerBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Create_a_task_choosing_the_client_with_the_keyboard()
    {
        var app = portal.App;
        var fiscal = await app.WithDbAsync(db => db.Sectors.Where(s => s.Name == "Fiscal").Select(s => s.Id).SingleAsync());
        var author = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var token = ClientTestData.Token();
        var client = await ClientTestData.CreateAsync(app, ClientTestData.Input(code: "K" + token, name: $"Cerâmica Açaí {token}"));
        var label = $"K{token} – Cerâmica Açaí {token}";
        var title = "Fechar folha " + Guid.NewGuid().ToString("N")[..8];

        await using var context = await browser.NewContextAsync(app.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, "tarefa-cliente-teclado", async () =>
        {
            await BrowserFixture.LoginAsync(page, author);

            await page.GotoAsync($"/tarefas/nova?setor={fiscal}");
            await page.GetByLabel("Título *").FillAsync(title);
            var combo = page.GetByRole(AriaRole.Combobox, new() { Name = "Cliente" });
            await combo.FocusAsync();
            await combo.PressSequentiallyAsync($"ceramica acai {token.ToLowerInvariant()}", new() { Delay = 20 });
            var option = page.GetByRole(AriaRole.Option, new() { Name = label });
            await Expect(option).ToBeVisibleAsync();
            await Expect(combo).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(page.Locator("[data-picker-status]")).ToHaveTextAsync(new Regex("^1 cliente encontrado"));

            await combo.PressAsync("ArrowDown");
            await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(combo).ToHaveAttributeAsync("aria-activedescendant", (await option.GetAttributeAsync("id"))!);
            await BrowserFixture.ScreenshotAsync(page, "44-tarefa-cliente-busca-desktop");
            await combo.PressAsync("Enter"); // picks; does not submit the form

            await Expect(page.Locator("#ClientId-escolhido")).ToHaveTextAsync(label);
            await Expect(page.Locator("#ClientId")).ToHaveValueAsync(client.Id.ToString());
            var remove = page.GetByRole(AriaRole.Button, new() { Name = $"Remover cliente {label}" });
            await Expect(remove).ToBeFocusedAsync();
            await Expect(combo).ToBeHiddenAsync();
            Assert.EndsWith("/tarefas/nova?setor=" + fiscal, page.Url);

            // "Remover" and back: the search comes back focused; pick again for real.
            await remove.PressAsync("Enter");
            await Expect(combo).ToBeFocusedAsync();
            await Expect(page.Locator("#ClientId")).ToHaveValueAsync("");
            await combo.PressSequentiallyAsync("K" + token, new() { Delay = 20 });
            await Expect(option).ToBeVisibleAsync();
            await combo.PressAsync("ArrowDown");
            await combo.PressAsync("Enter");
            await Expect(page.Locator("#ClientId")).ToHaveValueAsync(client.Id.ToString());
            await BrowserFixture.ScreenshotAsync(page, "45-tarefa-cliente-escolhido-desktop");

            await page.GetByRole(AriaRole.Button, new() { Name = "Criar tarefa" }).ClickAsync();
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Tarefa criada.");
            var id = await app.WithDbAsync(db => db.Tasks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
            Assert.Equal(client.Id, await app.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.ClientId).SingleAsync()));

            await page.GotoAsync($"/tarefas/{id}");
            await Expect(page.Locator("[data-task-client]")).ToHaveTextAsync(label);
        });
        problems.AssertClean();
    }

    /// <summary>
    /// Typing is debounced, so a slow typist gets an answer for part of the text and, later, one for all of it. The user
    /// may already be arrowing through the first list when the second lands: the option they are on stays chosen.
    /// </summary>
    [Fact]
    public async Task A_late_answer_keeps_the_option_the_user_is_on()
    {
        var app = portal.App;
        var fiscal = await app.WithDbAsync(db => db.Sectors.Where(s => s.Name == "Fiscal").Select(s => s.Id).SingleAsync());
        var author = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var token = ClientTestData.Token();
        var client = await ClientTestData.CreateAsync(app, ClientTestData.Input(code: "L" + token, name: $"Lavanderia Ébano {token}"));
        var label = $"L{token} – Lavanderia Ébano {token}";
        var full = $"lavanderia ebano {token.ToLowerInvariant()}";

        await using var context = await browser.NewContextAsync(app.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, "tarefa-cliente-resposta-atrasada", async () =>
        {
            await BrowserFixture.LoginAsync(page, author);

            // Hold back the answer for the whole text until the user has moved onto the first list's option.
            var release = new TaskCompletionSource();
            var heldBack = new TaskCompletionSource();
            await page.RouteAsync($"**{TaskClientPicker.Url}?*", async route =>
            {
                if (Uri.UnescapeDataString(new Uri(route.Request.Url).Query).Contains(full, StringComparison.Ordinal))
                {
                    heldBack.TrySetResult();
                    await release.Task;
                }
                await route.ContinueAsync();
            });

            await page.GotoAsync($"/tarefas/nova?setor={fiscal}");
            var combo = page.GetByRole(AriaRole.Combobox, new() { Name = "Cliente" });
            await combo.FillAsync($"lavanderia ebano {token.ToLowerInvariant()[..4]}");
            var option = page.GetByRole(AriaRole.Option, new() { Name = label });
            await Expect(option).ToBeVisibleAsync();
            await combo.FillAsync(full);
            await heldBack.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await combo.PressAsync("ArrowDown");
            await Expect(option).ToHaveAttributeAsync("aria-selected", "true");

            var late = page.WaitForResponseAsync(r => Uri.UnescapeDataString(r.Url).Contains(full, StringComparison.Ordinal));
            release.SetResult();
            await late;
            await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(combo).ToHaveAttributeAsync("aria-activedescendant", (await option.GetAttributeAsync("id"))!);
            await combo.PressAsync("Enter");
            await Expect(page.Locator("#ClientId")).ToHaveValueAsync(client.Id.ToString());
        });
        problems.AssertClean();
    }
}
