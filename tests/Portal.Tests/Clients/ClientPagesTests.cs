using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Platform.Validation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>Create, edit and list of clients on the pages (clients.md acceptance CLI-01…08, 19, 21…24; PLT-11).</summary>
public abstract class ClientPagesTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Conflict = "Este registro foi alterado por outra pessoa enquanto você editava. Confira os valores atuais e salve novamente.";
    private SharedPortal Portal { get; } = portal;

    private static async Task<HttpResponseMessage> PostCreateAsync(TestClient client, ClientInput input) =>
        await client.PostFormAsync("/clientes/novo", null, ClientTestData.Form(input).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static async Task<HttpResponseMessage> PostEditAsync(TestClient client, long id, ClientInput input, int version) =>
        await client.PostFormAsync($"/clientes/{id}/editar", null, ClientTestData.Form(input, version).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static string? FieldError(IHtmlDocument doc, string field) =>
        doc.QuerySelector($"[data-valmsg-for='Input.{field}']")?.TextContent.Trim();

    [Fact]
    public async Task CLI01_valid_CNPJ_is_stored_without_punctuation_and_shown_formatted()
    {
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        var input = ClientTestData.Input();
        var body = input.Document![..12];
        input.Document = Documents.Format(input.Document);
        input.Partners.Add(new PartnerInput { Name = "Maria Sócia", Qualification = "Sócio-Administrador", IsAdministrator = true });
        input.Contacts.Add(new ContactInput { Name = "João Contato", Channels = [new ChannelInput { Type = "WhatsApp", Value = "(48) 99999-8888" }] });

        var response = await PostCreateAsync(client, input);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/clientes/\d+/departamentos$", location);
        var id = long.Parse(location.Split('/')[2]);
        var stored = await ClientTestData.LoadAsync(App, id);
        Assert.Equal(Documents.Clean(input.Document), stored!.Document);
        Assert.StartsWith(body, stored.Document, StringComparison.Ordinal);
        Assert.Equal(ClientDocumentType.CNPJ, stored.DocumentType);
        Assert.Equal("48999998888", stored.Contacts.Single().Channels.Single().Value); // CLI-23

        var (page, doc) = await client.GetPageAsync($"/clientes/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = doc.Body!.TextContent;
        Assert.Contains(Documents.Format(stored.Document), text, StringComparison.Ordinal);
        Assert.Contains("Sócio administrador", text, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("a[href='https://wa.me/5548999998888']"));
        Assert.Contains("(48) 99999-8888", text, StringComparison.Ordinal);
        var audit = await ClientTestData.AuditAsync(App, id);
        Assert.Equal("create", Assert.Single(audit).Action);
    }

    [Theory]
    [InlineData("11.222.333/0001-82", "CNPJ inválido.")]
    [InlineData("11111111111111", "CNPJ inválido.")]
    [InlineData("12ABC34501DE36", "CNPJ inválido.")]
    [InlineData("529.982.247-24", "CPF inválido.")]
    [InlineData("123", "CNPJ inválido.")]
    public async Task CLI02_03_04_05_invalid_documents_are_refused_and_nothing_is_saved(string document, string message)
    {
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        var input = ClientTestData.Input(document: document);
        var response = await PostCreateAsync(client, input);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, FieldError(doc, "Document"));
        Assert.False(await App.WithDbAsync(db => db.Clients().AnyAsync(c => c.Code == input.Code)));
    }

    [Fact]
    public async Task CLI04_05_alphanumeric_CNPJ_and_CPF_are_accepted()
    {
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        // 12ABC34501DE35 is the spec's example; a random alphanumeric body keeps the test independent of other runs.
        var body = "1" + ClientTestData.Token()[..7] + "0001";
        var alnum = body + Documents.CnpjCheckDigits(body);
        var response = await PostCreateAsync(client, ClientTestData.Input(document: alnum.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Clients().AnyAsync(c => c.Document == alnum)));

        var cpf = ClientTestData.Input(document: Documents.Format(ClientTestData.Cpf()));
        cpf.OpeningDate = null;
        cpf.EstablishmentType = null;
        var created = await PostCreateAsync(client, cpf);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var stored = await App.WithDbAsync(db => db.Clients().SingleAsync(c => c.Code == cpf.Code));
        Assert.Equal(ClientDocumentType.CPF, stored.DocumentType);
        Assert.Null(stored.EstablishmentType);
    }

    [Fact]
    public async Task CLI06_duplicate_document_even_of_an_inactive_client_and_duplicate_code_ignoring_case_and_spaces()
    {
        var first = await ClientTestData.CreateAsync(App, change: i => { i.IsActive = false; i.Code = "ab" + ClientTestData.Token(); });
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);

        var sameDocument = ClientTestData.Input(document: Documents.Format(first.Document));
        var doc = TestClient.Parse(await (await PostCreateAsync(client, sameDocument)).Content.ReadAsStringAsync());
        Assert.Equal($"Já existe um cliente com este CNPJ (código {first.Code} – {first.Name}).", FieldError(doc, "Document"));

        var sameCode = ClientTestData.Input(code: "  " + first.Code.ToUpperInvariant() + " ");
        doc = TestClient.Parse(await (await PostCreateAsync(client, sameCode)).Content.ReadAsStringAsync());
        Assert.Equal("Já existe um cliente com este código.", FieldError(doc, "Code"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Clients().CountAsync(c => c.CodeNormalized == first.CodeNormalized)));
    }

    [Fact]
    public async Task CLI07_filial_needs_a_matriz_with_the_same_CNPJ_root()
    {
        var matriz = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);

        var wrongRoot = ClientTestData.Input(document: ClientTestData.Cnpj(branch: "0002"));
        wrongRoot.EstablishmentType = "Filial";
        wrongRoot.ParentClientId = matriz.Id;
        var doc = TestClient.Parse(await (await PostCreateAsync(client, wrongRoot)).Content.ReadAsStringAsync());
        Assert.Equal("A filial deve ter a mesma raiz de CNPJ (8 primeiros caracteres) da matriz.", FieldError(doc, "ParentClientId"));

        var sameRoot = ClientTestData.Input(document: ClientTestData.Cnpj(root: matriz.Document[..8], branch: "0002"));
        sameRoot.EstablishmentType = "Filial";
        sameRoot.ParentClientId = matriz.Id;
        Assert.Equal(HttpStatusCode.Redirect, (await PostCreateAsync(client, sameRoot)).StatusCode);
        var (_, record) = await client.GetPageAsync($"/clientes/{matriz.Id}");
        Assert.Contains(sameRoot.Code!, record.QuerySelector("#estabelecimentos")!.TextContent, StringComparison.Ordinal);

        // A Matriz with active filiais cannot become a Filial.
        var edit = ClientService.ToInput((await ClientTestData.LoadAsync(App, matriz.Id))!);
        edit.EstablishmentType = "Filial";
        edit.ParentClientId = matriz.Id;
        var response = await PostEditAsync(client, matriz.Id, edit, matriz.Version);
        doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Esta matriz tem filiais ativas e não pode passar a filial.", FieldError(doc, "EstablishmentType"));
    }

    [Fact]
    public async Task CLI08_MEI_clears_systems_and_hides_fiscal_contabil_financeiro_sections()
    {
        var systems = await App.WithDbAsync(db => db.LookupValues.Where(v => v.List.Key == "client_systems").Select(v => v.Id).Take(2).ToListAsync());
        var created = await ClientTestData.CreateAsync(App, change: i => i.SystemIds = systems);
        Assert.Equal(2, (await ClientTestData.LoadAsync(App, created.Id))!.Systems.Count);
        var user = await ClientTestData.UserWithAsync(Portal, "clients.view", "clients.edit", "clients.departments.restricted.view");
        using var client = await Users.LoginAsync(user);

        var input = ClientService.ToInput((await ClientTestData.LoadAsync(App, created.Id))!);
        input.TaxRegime = "MEI";
        input.EstablishmentType = "Filial"; // ignored: MEI is always Matriz
        Assert.Equal(HttpStatusCode.Redirect, (await PostEditAsync(client, created.Id, input, created.Version)).StatusCode);
        var stored = await ClientTestData.LoadAsync(App, created.Id);
        Assert.Empty(stored!.Systems);
        Assert.Equal(EstablishmentType.Matriz, stored.EstablishmentType);

        var (_, doc) = await client.GetPageAsync($"/clientes/{created.Id}");
        var departments = doc.QuerySelectorAll("[data-department]").Select(e => e.GetAttribute("data-department")).ToList();
        Assert.Equal(["pessoal", "administrativo", "notas_fiscais"], departments);
    }

    [Fact]
    public async Task CLI19_PLT01_stale_edit_shows_the_conflict_and_keeps_the_other_save()
    {
        var created = await ClientTestData.CreateAsync(App);
        var a = await Users.CreateAsync(roles: ["Gestor"]);
        var b = await Users.CreateAsync(roles: ["Gestor"]);
        using var ca = await Users.LoginAsync(a);
        using var cb = await Users.LoginAsync(b);
        var basis = ClientService.ToInput((await ClientTestData.LoadAsync(App, created.Id))!);

        basis.Name = "Nome da pessoa A";
        Assert.Equal(HttpStatusCode.Redirect, (await PostEditAsync(ca, created.Id, basis, created.Version)).StatusCode);
        basis.Name = "Nome da pessoa B";
        var response = await PostEditAsync(cb, created.Id, basis, created.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await ClientTestData.TextAsync(response);
        Assert.Contains(Conflict, html, StringComparison.Ordinal);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Nome da pessoa A", ((IHtmlInputElement)doc.QuerySelector("#Input_Name")!).Value);
        Assert.Contains("is-invalid", doc.QuerySelector("#Input_Name")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("Você havia informado: Nome da pessoa B", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Nome da pessoa A", (await ClientTestData.LoadAsync(App, created.Id))!.Name);
    }

    [Fact]
    public async Task CLI21_PLT11_list_filters_by_type_and_finds_by_accentless_name_and_document_digits()
    {
        var token = ClientTestData.Token();
        var matriz = await ClientTestData.CreateAsync(App, change: i => i.Name = $"JOÃO DA SILVA ME {token}");
        var filial = await ClientTestData.CreateAsync(App, change: i =>
        {
            i.Name = $"Joao Filial {token}";
            i.Document = ClientTestData.Cnpj(matriz.Document[..8], "0002");
            i.EstablishmentType = "Filial";
            i.ParentClientId = matriz.Id;
        });
        var person = await ClientTestData.CreateAsync(App, change: i =>
        {
            i.Name = $"João Pessoa {token}";
            i.Document = ClientTestData.Cpf();
            i.EstablishmentType = null;
            i.OpeningDate = null;
        });
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);

        var (_, byName) = await client.GetPageAsync($"/clientes?q={Uri.EscapeDataString("joao da silva me " + token.ToLowerInvariant())}");
        Assert.Equal([matriz.Id], Ids(byName));
        var (_, matrizFilter) = await client.GetPageAsync($"/clientes?q={token}&tipo=matriz");
        Assert.Equal(new[] { matriz.Id, person.Id }.Order(), Ids(matrizFilter).Order());
        var (_, filialFilter) = await client.GetPageAsync($"/clientes?q={token}&tipo=filial");
        Assert.Equal([filial.Id], Ids(filialFilter));

        // PLT-11: digits only finds the formatted CNPJ; "0001-81"-style fragments find it too.
        var (_, byDigits) = await client.GetPageAsync($"/clientes?q={matriz.Document}&tipo=todos");
        Assert.Equal([matriz.Id], Ids(byDigits));
        var fragment = $"{matriz.Document[8..12]}-{matriz.Document[12..]}";
        var (_, byFragment) = await client.GetPageAsync($"/clientes?q={fragment}&tipo=matriz");
        Assert.Contains(matriz.Id, Ids(byFragment));
        var (_, formatted) = await client.GetPageAsync($"/clientes?q={Uri.EscapeDataString(Documents.Format(matriz.Document))}");
        Assert.Equal([matriz.Id], Ids(formatted));
        Assert.Contains(Documents.Format(matriz.Document), formatted.QuerySelector("#clientes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_pages_sorts_hides_inactive_by_default_and_offers_new_client_only_with_create()
    {
        var token = ClientTestData.Token();
        for (var i = 1; i <= 22; i++)
        {
            var n = i;
            await ClientTestData.CreateAsync(App, change: x => { x.Name = $"Lista {token} {n:00}"; x.Code = $"L{token}{n:00}"; });
        }
        var inactive = await ClientTestData.CreateAsync(App, change: x => { x.Name = $"Lista {token} 00 inativo"; x.IsActive = false; });
        var viewer = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(viewer);

        var (response, page1) = await client.GetPageAsync($"/clientes?q={token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20, Ids(page1).Count);
        Assert.Contains("1–20 de 22", page1.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page1.QuerySelector("a[href='/clientes/novo']"));
        var (_, page2) = await client.GetPageAsync($"/clientes?q={token}&page=2");
        Assert.Equal(2, Ids(page2).Count);
        var (_, desc) = await client.GetPageAsync($"/clientes?q={token}&ordem=-codigo&tamanho=50");
        Assert.Equal($"L{token}22", desc.QuerySelector("#clientes tbody tr td")!.TextContent.Trim());
        var (_, withInactive) = await client.GetPageAsync($"/clientes?q={token}&inativos=true&tamanho=50");
        Assert.Contains(inactive.Id, Ids(withInactive));
        Assert.DoesNotContain(inactive.Id, Ids(page1).Concat(Ids(page2)));

        var creator = await Users.CreateAsync(roles: ["Gestor"]);
        using var gestor = await Users.LoginAsync(creator);
        var (_, withButton) = await gestor.GetPageAsync("/clientes");
        Assert.NotNull(withButton.QuerySelector("a[href='/clientes/novo']"));
    }

    [Fact]
    public async Task Saved_view_marked_default_applies_on_next_open()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var save = await client.PostFormAsync("/clientes", "/clientes?regime=MEI&tipo=todos&handler=SaveView",
            [new("viewName", "Só MEI"), new("viewDefault", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var open = await client.GetAsync("/clientes");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.StartsWith("/clientes?regime=MEI&tipo=todos&view=", open.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CLI22_code_jump_tolerates_a_trailing_check_digit()
    {
        var token = ClientTestData.Token()[..5];
        var digits = string.Concat(token.Select(c => (c % 10).ToString()));
        var shortCode = await ClientTestData.CreateAsync(App, change: i => i.Code = "9" + digits);
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);

        // No "9<digits>4" exists yet: "9<digits>-4" opens "9<digits>".
        var jump = await client.GetAsync($"/clientes/codigo/9{digits}-4");
        Assert.Equal($"/clientes/{shortCode.Id}", jump.Headers.Location!.OriginalString);
        var longCode = await ClientTestData.CreateAsync(App, change: i => i.Code = "9" + digits + "4");
        jump = await client.GetAsync($"/clientes/codigo/9{digits}-4");
        Assert.Equal($"/clientes/{longCode.Id}", jump.Headers.Location!.OriginalString);
        jump = await client.GetAsync("/clientes/codigo/nao-existe-" + token);
        Assert.StartsWith("/clientes?tipo=todos&q=nao-existe-", jump.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Quick search: Enter on an exact code opens the client; htmx lists up to 10 matches.
        var enter = await client.GetAsync($"/clientes/busca?q={shortCode.Code}");
        Assert.Equal($"/clientes/{shortCode.Id}", enter.Headers.Location!.OriginalString);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/clientes/busca?q={digits}");
        request.Headers.Add("HX-Request", "true");
        var fragment = await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains($"/clientes/{longCode.Id}", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_bar_quick_search_is_shown_only_with_clients_view()
    {
        var viewer = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(viewer);
        var (_, doc) = await client.GetPageAsync("/inicio");
        var input = doc.QuerySelector("#portal-search-input")!;
        Assert.Equal("/clientes/busca", input.GetAttribute("hx-get"));
        Assert.Equal("/clientes/busca", input.Closest("form")!.GetAttribute("action"));

        var rooms = await Users.CreateAsync(roles: ["Somente Sala de Reuniões"]);
        using var other = await Users.LoginAsync(rooms);
        var (_, none) = await other.GetPageAsync("/perfil");
        Assert.Null(none.QuerySelector("#portal-search-input"));
    }

    [Fact]
    public async Task CLI23_contact_channel_validation_on_the_form()
    {
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        var input = ClientTestData.Input();
        input.Contacts.Add(new ContactInput { Name = "Fulano", Channels = [new ChannelInput { Type = "Email", Value = "fulano@" }] });
        var response = await PostCreateAsync(client, input);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-mail inválido.", await ClientTestData.TextAsync(response), StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.Clients().AnyAsync(c => c.Code == input.Code)));
    }

    [Fact]
    public async Task CLI24_history_lists_edits_with_actor_and_old_new_values()
    {
        var created = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        var input = ClientService.ToInput((await ClientTestData.LoadAsync(App, created.Id))!);
        input.Name = "Primeiro nome novo";
        Assert.Equal(HttpStatusCode.Redirect, (await PostEditAsync(client, created.Id, input, created.Version)).StatusCode);
        input.Code = created.Code + "X";
        Assert.Equal(HttpStatusCode.Redirect, (await PostEditAsync(client, created.Id, input, created.Version + 1)).StatusCode);
        var add = await client.PostFormAsync($"/clientes/{created.Id}/acessos/novo", ("SystemName", "eSocial"), ("Password", "segredo-historico-1"));
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var credId = await App.WithDbAsync(db => db.ClientCredentials().Where(c => c.ClientId == created.Id).Select(c => c.Id).SingleAsync());
        var change = await client.PostFormAsync($"/clientes/{created.Id}/acessos/{credId}/editar", ("SystemName", "eSocial"), ("Password", "segredo-historico-2"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        var (_, doc) = await client.GetPageAsync($"/clientes/{created.Id}");
        var items = doc.QuerySelectorAll("[data-history] > li").Select(li => li.TextContent).ToList();
        Assert.True(items.Count >= 4, string.Join("\n", items));
        Assert.Contains("Senha: — → alterada", items[0], StringComparison.Ordinal);
        Assert.Contains(user.FullName, items[0], StringComparison.Ordinal);
        Assert.Contains($"código {created.Code} → {created.Code}X", items[2], StringComparison.Ordinal);
        Assert.Contains($"Nome: {created.Name} → Primeiro nome novo", items[3], StringComparison.Ordinal);
        Assert.DoesNotContain("segredo-historico", doc.Body!.OuterHtml, StringComparison.Ordinal);
    }

    private static List<long> Ids(IHtmlDocument doc) =>
        doc.QuerySelectorAll("#clientes tbody tr").Select(tr => long.Parse(tr.GetAttribute("data-client-id")!)).ToList();
}

[Collection(SqliteCollection.Name)]
public sealed class ClientPagesTestsSqlite(SqlitePortal portal) : ClientPagesTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientPagesTestsMySql(MySqlPortal portal) : ClientPagesTests(portal);
