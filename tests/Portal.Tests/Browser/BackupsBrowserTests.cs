using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Platform.Configuration;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>"Fazer backup agora" on /admin/backups (operations.md §11): progress while it runs, then the new entry.</summary>
public sealed class BackupsBrowserTests(AdminScreensApp site, BrowserFixture browser)
    : IClassFixture<AdminScreensApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Fazer_backup_agora_shows_progress_then_the_new_entry_in_the_history()
    {
        // Some megabytes of incompressible files, so the run has visible steps.
        var files = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PortalPaths>(site.App.Services).FilesPath;
        Directory.CreateDirectory(Path.Combine(files, "bulk"));
        var data = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(data);
        await File.WriteAllBytesAsync(Path.Combine(files, "bulk", "digitalizacao.bin"), data);

        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Fazer_backup_agora_shows_progress_then_the_new_entry_in_the_history), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(AdminScreensApp.AdminEmail);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(site.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/inicio$"));

            await page.GotoAsync("/admin/backups");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Backups");
            await Expect(page.Locator("#backup-runs")).ToContainTextAsync("Nenhum backup registrado ainda.");
            var panel = page.Locator("#backup-progress");
            await Expect(panel).ToBeHiddenAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Fazer backup agora" }).ClickAsync();
            await Expect(panel).ToBeVisibleAsync();
            await Expect(panel.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
            await Expect(panel.Locator("[data-progress-percent]")).ToHaveTextAsync(new Regex(@"^\d+%$"));

            // When the run ends the page reloads with the entry in the history.
            var row = page.Locator("#backup-runs tbody tr[data-backup-run-id]");
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = 90_000 });
            await Expect(row).ToContainTextAsync("Concluído");
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Baixar" })).ToBeVisibleAsync();
            await Expect(panel).ToBeHiddenAsync();
            await BrowserFixture.ScreenshotAsync(page, "admin-backups-desktop");
            problems.AssertClean();
        });
    }
}
