using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Api;

/// <summary>/api/docs in a real browser: Scalar renders the document under the strict CSP, with nothing from elsewhere.</summary>
[Collection(SqliteCollection.Name)]
public sealed class OpenApiDocsBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signed_in_user_sees_the_scalar_reference_with_no_csp_violation()
    {
        await using var context = await browser.NewContextAsync(portal.App.BaseAddress);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var foreign = new List<string>();
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(portal.App.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                foreign.Add(request.Url);
        };
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Signed_in_user_sees_the_scalar_reference_with_no_csp_violation), async () =>
        {
            // Anonymous → login → back to the docs (returnUrl).
            await page.GotoAsync("/api/docs");
            await Expect(page).ToHaveURLAsync(new Regex("/login"));
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(portal.Users.Administrator.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(portal.Users.Administrator.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/api/docs$"));

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portal — API v1" }).First).ToBeVisibleAsync();
            await Expect(page.GetByText("Respostas").First).ToBeVisibleAsync(); // Scalar in Portuguese
            // The "Eu" tag from the sidebar opens GET /api/v1/me, by its summary and its path.
            await page.GetByText("Eu", new() { Exact = true }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usuário do token, com setores, papéis e permissões efetivas." })).ToBeVisibleAsync();
            await Expect(page.GetByText("/api/v1/me", new() { Exact = true }).First).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "api-docs-desktop");

            // The built-in API client opens too (it is where people try requests) without breaking the CSP.
            await page.GetByRole(AriaRole.Button, new() { Name = "Testar Requisição" }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog).First).ToBeVisibleAsync();
            // Its link to Scalar's hosted client would hand them this document's URL; it is configured away.
            await Expect(page.GetByText("Open API Client")).ToHaveCountAsync(0);
            // It reaches this server under connect-src 'self' and gets the API's own JSON error (no token is filled in).
            problems.ExpectedErrorPaths.Add("/api/v1/auth/login");
            problems.ExpectedErrorPaths.Add("/api/v1/me");
            await page.GetByRole(AriaRole.Dialog).First.GetByRole(AriaRole.Button, new() { Name = "Enviar" }).First.ClickAsync();
            await Expect(page.GetByText(new Regex("missing_token|validation_failed|invalid_credentials|unsupported_media_type")).First).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "api-docs-client");

            // Scalar's injected stylesheet carries the page's nonce; without it the reference would be unstyled.
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.getElementById('scalar-style')?.nonce"));
            problems.AssertClean();
            Assert.True(foreign.Count == 0, "Requests to other hosts: " + string.Join(", ", foreign.Distinct()));
        });
    }
}
