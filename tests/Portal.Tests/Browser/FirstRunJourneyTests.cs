using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A first install seen through a real browser (operations.md §3.6, identity.md §5 and §8.2): setup, logout, login,
/// password change. The same walk checks the markup against the strict CSP and the static assets for 404s.
/// </summary>
public sealed class FirstRunJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string FirmName = "Contabilidade Exemplo Ltda";
    private const string FullName = "Mariana Souza Lima";
    private const string Email = "mariana@exemplo.com.br";
    private const string FirstPassword = "cafe com leite na varanda de casa";
    private const string NewPassword = "o trem das sete chega sempre atrasado";

    [Fact]
    public async Task Setup_login_and_password_change_work_end_to_end_without_csp_violations()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();

        await BrowserFixture.RunAsync(page, nameof(Setup_login_and_password_change_work_end_to_end_without_csp_violations), async () =>
        {
            // First run: every page leads to the setup.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
            await browser.ScreenshotBothAsync(page, "01-setup", problems);

            var code = (await File.ReadAllTextAsync(Path.Combine(app.DataPath, "setup-code.txt"))).Trim();
            await page.GetByLabel("Código de configuração *", new() { Exact = true }).FillAsync(code);
            await page.GetByLabel("Nome do escritório *", new() { Exact = true }).FillAsync(FirmName);
            await page.GetByLabel("Seu nome completo *", new() { Exact = true }).FillAsync(FullName);
            await page.GetByLabel("E-mail *", new() { Exact = true }).FillAsync(Email);
            await page.GetByLabel("Senha *", new() { Exact = true }).FillAsync(FirstPassword);
            await page.GetByLabel("Confirme a senha *", new() { Exact = true }).FillAsync(FirstPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Criar administrador" }).ClickAsync();

            // Toasts hide themselves after 5 s: checked first.
            await Expect(page.GetByRole(AriaRole.Status).GetByText("Configuração concluída. Bem-vindo ao portal!")).ToBeVisibleAsync();
            await ExpectHomeAsync(page);
            await browser.ScreenshotBothAsync(page, "02-inicio", problems);

            // The setup is a one-time thing.
            problems.ExpectedErrorPaths.Add("/setup");
            var setupAgain = await page.GotoAsync("/setup");
            Assert.Equal(404, setupAgain!.Status);
            await page.GotoAsync("/");
            await ExpectHomeAsync(page);

            await LogoutAsync(page);
            await browser.ScreenshotBothAsync(page, "03-login", problems);
            await LoginAsync(page, Email, FirstPassword);
            await ExpectHomeAsync(page);

            // Alterar senha, from the user menu; a short password is refused under its field.
            await OpenUserMenuAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Alterar senha" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/perfil/senha$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alterar senha" })).ToBeVisibleAsync();
            await browser.ScreenshotBothAsync(page, "04-alterar-senha", problems);

            await page.GetByLabel("Senha atual *", new() { Exact = true }).FillAsync(FirstPassword);
            await page.GetByLabel("Nova senha *", new() { Exact = true }).FillAsync("curta");
            await page.GetByLabel("Confirme a nova senha *", new() { Exact = true }).FillAsync("curta");
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar nova senha" }).ClickAsync();
            var newField = page.GetByLabel("Nova senha *", new() { Exact = true });
            var fieldGroup = page.Locator(".mb-3", new() { Has = newField });
            var error = fieldGroup.GetByText("A senha deve ter pelo menos 12 caracteres.", new() { Exact = true });
            await Expect(error).ToBeVisibleAsync();
            Assert.True((await error.BoundingBoxAsync())!.Y > (await newField.BoundingBoxAsync())!.Y, "the message sits under the field");
            await BrowserFixture.ScreenshotAsync(page, "05-alterar-senha-erro-desktop");

            await page.GetByLabel("Senha atual *", new() { Exact = true }).FillAsync(FirstPassword);
            await page.GetByLabel("Nova senha *", new() { Exact = true }).FillAsync(NewPassword);
            await page.GetByLabel("Confirme a nova senha *", new() { Exact = true }).FillAsync(NewPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar nova senha" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).GetByText("Senha alterada. As outras sessões foram encerradas.")).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/perfil$"));
            await BrowserFixture.ScreenshotAsync(page, "06-perfil-senha-alterada-desktop");

            // Only the new password opens the portal now.
            await LogoutAsync(page);
            await LoginAsync(page, Email, FirstPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/login"));
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Email ou senha inválidos.");
            await BrowserFixture.ScreenshotAsync(page, "07-login-recusado-desktop");
            await LoginAsync(page, Email, NewPassword);
            await ExpectHomeAsync(page);

            problems.AssertClean();
        });
    }

    private static async Task ExpectHomeAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/inicio$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Olá, {FullName.Split(' ')[0]}!");
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(FirmName);
    }

    private static async Task OpenUserMenuAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = FullName }).ClickAsync();
    }

    private static async Task LogoutAsync(IPage page)
    {
        await OpenUserMenuAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sair" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
    }

    private static async Task LoginAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
        // Where the form leads is checked by the caller's Expect, which waits for the new document.
    }
}
