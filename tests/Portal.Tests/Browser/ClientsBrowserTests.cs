using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Features.Clients;
using Portal.Platform.Validation;
using Portal.Tests.Clients;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The client journey of clients.md in a real browser: create a client by CNPJ with "Consultar" (BrasilAPI fake),
/// add a department profile and a credential, reveal it — with no CSP violations or console errors.
/// </summary>
public sealed class ClientsBrowserTests(LookupFixture site, BrowserFixture browser) : IClassFixture<LookupFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Create_by_CNPJ_lookup_add_profile_and_credential_then_reveal()
    {
        var cnpj = ClientTestData.Cnpj();
        site.BrasilApi.Given(Request.Create().WithPath($"/api/cnpj/v1/{cnpj}").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""
                {"cnpj":"{{cnpj}}","razao_social":"PADARIA PÃO DOURADO LTDA","nome_fantasia":"PÃO DOURADO","data_inicio_atividade":"2012-08-01",
                 "cnae_fiscal":1091102,"cnae_fiscal_descricao":"Padaria e confeitaria","logradouro":"RUA DAS FLORES","numero":"10",
                 "bairro":"CENTRO","municipio":"FLORIANOPOLIS","uf":"SC","cep":"88010000","descricao_situacao_cadastral":"ATIVA",
                 "opcao_pelo_simples":true,"opcao_pelo_mei":false,"qsa":[{"nome_socio":"MARIA DOURADO","qualificacao_socio":"Sócio-Administrador"}]}
                """));
        var user = await site.Users.CreateAsync(roles: ["Gestor"]);
        var secret = "Browser-" + Guid.NewGuid().ToString("N")[..10];
        var code = "B" + ClientTestData.Token();

        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(Create_by_CNPJ_lookup_add_profile_and_credential_then_reveal), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(user.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(user.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));

            await page.GotoAsync("/clientes");
            await page.GetByRole(AriaRole.Link, new() { Name = "Novo cliente" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/clientes/novo$"));
            await page.Locator("#Input_Document").FillAsync(Documents.Format(cnpj));
            await page.GetByRole(AriaRole.Button, new() { Name = "Consultar" }).ClickAsync();
            await Expect(page.Locator("#lookup-status")).ToContainTextAsync("Dados preenchidos");
            await Expect(page.Locator("#Input_Name")).ToHaveValueAsync("PADARIA PÃO DOURADO LTDA");
            await Expect(page.Locator("#Input_OpeningDate")).ToHaveValueAsync("2012-08-01");
            await Expect(page.Locator("#Input_TaxRegime")).ToHaveValueAsync("SimplesNacional");
            await Expect(page.Locator("#partners [data-partner-field=name]")).ToHaveValueAsync("MARIA DOURADO");
            await page.Locator("#Input_Code").FillAsync(code);
            await page.GetByLabel("Competência").CheckAsync();
            await BrowserFixture.ScreenshotAsync(page, "clientes-novo-consultado");
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/clientes/\d+/departamentos$"));
            var clientId = long.Parse(Regex.Match(page.Url, @"/clientes/(\d+)/").Groups[1].Value);
            var fiscal = page.Locator("#form-fiscal");
            await fiscal.GetByLabel("Digital", new() { Exact = true }).CheckAsync();
            await fiscal.GetByLabel("E-mail", new() { Exact = true }).CheckAsync();
            await fiscal.GetByLabel("Entradas – XML").CheckAsync();
            await fiscal.GetByLabel("Descrição").FillAsync("Apuração mensal");
            await fiscal.GetByRole(AriaRole.Button, new() { Name = "Salvar Fiscal" }).ClickAsync();
            await Expect(page.Locator("#form-fiscal")).ToContainTextAsync("Salvo.");

            await page.GotoAsync($"/clientes/{clientId}");
            await Expect(page.Locator("[data-department='fiscal']")).ToContainTextAsync("Entradas – XML");
            await page.GetByRole(AriaRole.Link, new() { Name = "Novo acesso" }).ClickAsync();
            await page.GetByLabel("Sistema *").FillAsync("eSocial");
            await page.GetByLabel("Usuário").FillAsync("padaria.esocial");
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(secret);
            await page.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/clientes/{clientId}#acessos$"));
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

            var row = page.Locator("tr[data-credential-id]");
            await Expect(row).ToContainTextAsync("••••••");
            await row.GetByRole(AriaRole.Button, new() { Name = "Mostrar" }).ClickAsync();
            await Expect(row).ToContainTextAsync(secret);
            await row.GetByRole(AriaRole.Button, new() { Name = "Copiar", Exact = true }).ClickAsync();
            await Expect(page.Locator("#toasts")).ToContainTextAsync("Copiado.");
            await browser.ScreenshotBothAsync(page, "clientes-ficha", problems);
            problems.AssertClean();

            Assert.Equal(1, await site.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "credential_revealed" && a.ResourceId == clientId.ToString())));
            var stored = await site.App.WithDbAsync(db => db.Clients().AsNoTracking().SingleAsync(c => c.Id == clientId));
            Assert.Equal(cnpj, stored.Document);
        });
    }

    [Fact]
    public async Task List_and_forms_render_cleanly_on_desktop_and_phone()
    {
        var created = await ClientTestData.CreateAsync(site.App);
        await using var context = await browser.NewContextAsync(site.App.BaseAddress, BrowserFixture.Desktop);
        var problems = new BrowserProblems();
        await problems.WatchAsync(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.RunAsync(page, nameof(List_and_forms_render_cleanly_on_desktop_and_phone), async () =>
        {
            await page.GotoAsync("/login");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(site.Users.Administrator.Email);
            await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(site.Users.Administrator.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
            foreach (var (name, url) in new[] { ("clientes-lista", "/clientes?tipo=todos"), ("clientes-novo", "/clientes/novo"),
                ("clientes-editar", $"/clientes/{created.Id}/editar"), ("clientes-departamentos", $"/clientes/{created.Id}/departamentos") })
            {
                await page.GotoAsync(url);
                await browser.ScreenshotBothAsync(page, name, problems);
            }
            // Quick search in the top bar lists matches while typing.
            await page.Locator("#portal-search-input").FillAsync(created.Code);
            await Expect(page.Locator("#portal-search-results")).ToContainTextAsync(created.Name);
            problems.AssertClean();
        });
    }
}
