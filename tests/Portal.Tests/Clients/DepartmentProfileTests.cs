using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>Department profiles (clients.md §6): CLI-16, 17, 18, the option rules, htmx saves and restricted history.</summary>
public abstract class DepartmentProfileTests(SharedPortal portal) : IntegrationTest(portal)
{
    private SharedPortal Portal { get; } = portal;

    private static async Task<HttpResponseMessage> SaveAsync(TestClient client, long clientId, string type, bool htmx, params (string, string)[] fields)
    {
        var token = await client.TokenFromAsync($"/clientes/{clientId}/departamentos");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{clientId}/departamentos?handler=Save&tipo={type}")
        {
            Content = new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
        };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Fiscal_profile_saved_with_htmx_returns_the_form_fragment_and_shows_on_the_record()
    {
        var created = await ClientTestData.CreateAsync(App, change: i => i.Contacts.Add(new ContactInput
        {
            Name = "Carla Fiscal", Channels = [new ChannelInput { Type = "Email", Value = "carla@cliente.com.br" }],
        }));
        var contactId = (await ClientTestData.LoadAsync(App, created.Id))!.Contacts.Single().Id;
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);

        var response = await SaveAsync(client, created.Id, "fiscal", htmx: true,
            ("version", "0"), ("ResponsibleUserId", user.Id.ToString()), ("ContactIds", contactId.ToString()), ("Description", "Atendimento mensal"),
            ("opt.import_methods", "entradas_xml"), ("opt.import_methods", "saidas_sped"), ("opt.movement", "digital_fisico"),
            ("opt.digital_delivery", "email"), ("opt.physical_delivery", "malote"), ("opt.pouch_pickup", "escritorio_busca"),
            ("Particularities", "Linha 1\nLinha 2"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<section", fragment.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Salvo.", fragment, StringComparison.Ordinal);
        Assert.Contains("Perfil Fiscal salvo.", response.Headers.GetValues("HX-Trigger").Single(), StringComparison.Ordinal);

        var profile = await App.WithDbAsync(db => db.DepartmentProfiles().Include(p => p.Options).Include(p => p.Contacts).SingleAsync(p => p.ClientId == created.Id));
        Assert.Equal(user.Id, profile.ResponsibleUserId);
        Assert.Equal([contactId], profile.Contacts.Select(c => c.ContactId));
        Assert.Equal(6, profile.Options.Count);

        var (_, doc) = await client.GetPageAsync($"/clientes/{created.Id}");
        var section = doc.QuerySelector("[data-department='fiscal']")!.TextContent;
        Assert.Contains(user.FullName, section, StringComparison.Ordinal);
        Assert.Contains("Entradas – XML", section, StringComparison.Ordinal);
        Assert.Contains("Carla Fiscal", section, StringComparison.Ordinal);
        Assert.Contains("Escritório busca", section, StringComparison.Ordinal);
        var history = doc.QuerySelector("[data-history]")!.TextContent;
        Assert.Contains("Perfil Fiscal preenchido", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Particularities_are_rich_text_sanitized_on_save_rendered_sanitized_and_returned_sanitized_by_the_API()
    {
        var created = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var api = await ApiClient.LoginAsync(App, user);
        const string payload = "<p><strong>Fechamento</strong> até o dia <em>5</em></p><ul><li>Conferir extratos</li></ul>"
            + "<script>alert('x')</script><img src=\"x\" onerror=\"alert(1)\"><p onclick=\"alert(2)\" style=\"text-align: center\">Centro</p>";
        var put = await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/fiscal", JsonContent.Create(new { particularities = payload }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var returned = (await ApiClient.ReadJsonAsync(put)).GetProperty("particularities").GetString()!;
        var stored = await App.WithDbAsync(db => db.DepartmentProfiles().Where(p => p.ClientId == created.Id).Select(p => p.Particularities).SingleAsync());
        foreach (var html in new[] { returned, stored! })
        {
            Assert.Contains("<strong>Fechamento</strong>", html, StringComparison.Ordinal);
            Assert.Contains("<em>5</em>", html, StringComparison.Ordinal);
            Assert.Contains("<li>Conferir extratos</li>", html, StringComparison.Ordinal);
            Assert.Contains("Centro", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
            Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
            Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        }
        var detail = await (await api.GetAsync($"/api/v1/clients/{created.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("alert", detail, StringComparison.Ordinal);

        using var web = await Users.LoginAsync(user);
        var (_, record) = await web.GetPageAsync($"/clientes/{created.Id}");
        var shown = record.QuerySelector("[data-department='fiscal'] .rich-text")!;
        Assert.Equal("Fechamento", shown.QuerySelector("strong")!.TextContent);
        Assert.Equal("Conferir extratos", shown.QuerySelector("li")!.TextContent);
        Assert.Null(shown.QuerySelector("script, [onerror], [onclick], [style]"));
        Assert.DoesNotContain("alert(", record.Body!.OuterHtml, StringComparison.Ordinal);
        var (_, form) = await web.GetPageAsync($"/clientes/{created.Id}/departamentos");
        var editor = form.QuerySelector("#form-fiscal textarea[name='Particularities']")!;
        Assert.True(editor.HasAttribute("data-richtext"));
        Assert.Contains("<strong>Fechamento</strong>", editor.TextContent, StringComparison.Ordinal);

        // The limit counts plain-text characters; an over-long value is refused and nothing changes.
        var version = await App.WithDbAsync(db => db.DepartmentProfiles().Where(p => p.ClientId == created.Id).Select(p => p.Version).SingleAsync());
        var response = await SaveAsync(web, created.Id, "fiscal", htmx: true, ("version", version.ToString()),
            ("Particularities", "<p>" + new string('a', DepartmentProfiles.ParticularitiesMax + 1) + "</p>"));
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Máximo de 20000 caracteres.", doc.QuerySelector("[data-valmsg-for='Input.Particularities']")!.TextContent.Trim());
        Assert.Equal(stored, await App.WithDbAsync(db => db.DepartmentProfiles().Where(p => p.ClientId == created.Id).Select(p => p.Particularities).SingleAsync()));
    }

    [Fact]
    public async Task Plain_text_particularities_from_before_rich_text_show_one_paragraph_per_line_encoded()
    {
        var created = await ClientTestData.CreateAsync(App);
        var typeId = await App.WithDbAsync(db => db.DepartmentTypes().Where(t => t.Code == "pessoal").Select(t => t.Id).SingleAsync());
        await App.WithDbAsync(async db =>
        {
            db.DepartmentProfiles().Add(new ClientDepartmentProfile { ClientId = created.Id, DepartmentTypeId = typeId, Particularities = "Folha até o dia 5\nPonto & banco de horas" });
            await db.SaveChangesAsync();
        });
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var web = await Users.LoginAsync(user);
        var (_, record) = await web.GetPageAsync($"/clientes/{created.Id}");
        var paragraphs = record.QuerySelectorAll("[data-department='pessoal'] .rich-text p").Select(p => p.TextContent).ToList();
        Assert.Equal(["Folha até o dia 5", "Ponto & banco de horas"], paragraphs);
        using var api = await ApiClient.LoginAsync(App, user);
        var json = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients/{created.Id}"));
        var pessoal = json.GetProperty("departmentProfiles").EnumerateArray().Single(d => d.GetProperty("departmentType").GetString() == "pessoal");
        Assert.Equal("<p>Folha até o dia 5</p><p>Ponto &amp; banco de horas</p>", pessoal.GetProperty("particularities").GetString());
    }

    [Fact]
    public async Task CLI18_nenhum_cannot_be_combined_and_delivery_is_required_by_movement()
    {
        var created = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        var response = await SaveAsync(client, created.Id, "fiscal", htmx: true,
            ("version", "0"), ("opt.import_methods", "nenhum"), ("opt.import_methods", "entradas_xml"), ("opt.movement", "digital"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("'Nenhum' não pode ser combinado com outras opções.", doc.QuerySelector("[data-valmsg-for='Input.Options.import_methods']")!.TextContent.Trim());
        Assert.Equal("Informe o envio digital (o movimento inclui Digital).", doc.QuerySelector("[data-valmsg-for='Input.Options.digital_delivery']")!.TextContent.Trim());
        Assert.False(await App.WithDbAsync(db => db.DepartmentProfiles().AnyAsync(p => p.ClientId == created.Id)));
    }

    [Fact]
    public async Task CLI16_financeiro_is_hidden_without_restricted_view_on_the_record_the_API_and_the_history()
    {
        var created = await ClientTestData.CreateAsync(App);
        var finance = await ClientTestData.UserWithAsync(Portal, "clients.view", "clients.departments.edit", "clients.departments.restricted.view");
        using var financeWeb = await Users.LoginAsync(finance);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(financeWeb, created.Id, "financeiro", htmx: true, ("version", "0"), ("Description", "Cobrança via boleto"))).StatusCode);

        var (_, withPermission) = await financeWeb.GetPageAsync($"/clientes/{created.Id}");
        Assert.NotNull(withPermission.QuerySelector("[data-department='financeiro']"));
        Assert.Contains("Perfil Financeiro", withPermission.QuerySelector("[data-history]")!.TextContent, StringComparison.Ordinal);

        var other = await ClientTestData.UserWithAsync(Portal, "clients.view", "clients.departments.edit");
        using var otherWeb = await Users.LoginAsync(other);
        var (_, without) = await otherWeb.GetPageAsync($"/clientes/{created.Id}");
        Assert.Null(without.QuerySelector("[data-department='financeiro']"));
        Assert.DoesNotContain("Cobrança via boleto", without.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Perfil Financeiro", without.QuerySelector("[data-history]")!.TextContent, StringComparison.Ordinal);
        var (_, form) = await otherWeb.GetPageAsync($"/clientes/{created.Id}/departamentos");
        Assert.Null(form.QuerySelector("#form-financeiro"));
        var refused = await SaveAsync(otherWeb, created.Id, "financeiro", htmx: true, ("version", "1"), ("Description", "Alterado"));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        using var api = new ApiClient(App);
        await api.LoginAsync(other.Email, other.Password);
        var body = await (await api.GetAsync($"/api/v1/clients/{created.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("financeiro", body, StringComparison.Ordinal);
        using var financeApi = new ApiClient(App);
        await financeApi.LoginAsync(finance.Email, finance.Password);
        var visible = await (await financeApi.GetAsync($"/api/v1/clients/{created.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("\"departmentType\":\"financeiro\"", visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CLI17_one_profile_per_type_API_create_twice_is_409_and_If_Match_updates()
    {
        var created = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        var url = $"/api/v1/clients/{created.Id}/departments/contabil";

        var first = await api.SendAsync(HttpMethod.Put, url, JsonContent.Create(new
        {
            description = "Contábil mensal",
            options = new Dictionary<string, string[]> { ["movement"] = ["fisico"], ["physical_delivery"] = ["malote"], ["pouch_pickup"] = ["cliente_traz"], ["report_controls"] = ["contas_pagas"] },
        }));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        var json = await ApiClient.ReadJsonAsync(first);
        Assert.Equal("contabil", json.GetProperty("departmentType").GetString());
        Assert.Equal("cliente_traz", json.GetProperty("options").GetProperty("pouch_pickup")[0].GetString());

        var again = await api.SendAsync(HttpMethod.Put, url, JsonContent.Create(new { description = "Outro" }));
        await ApiClient.AssertErrorAsync(again, HttpStatusCode.Conflict, "conflict");
        var stale = await api.SendAsync(HttpMethod.Put, url, JsonContent.Create(new { description = "Velho" }), ifMatch: "\"99\"");
        await ApiClient.AssertErrorAsync(stale, HttpStatusCode.PreconditionFailed, "precondition_failed");
        var update = await api.SendAsync(HttpMethod.Put, url, JsonContent.Create(new { description = "Atualizado" }), ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.DepartmentProfiles().CountAsync(p => p.ClientId == created.Id)));
        var invalid = await api.SendAsync(HttpMethod.Put, url, JsonContent.Create(new { options = new Dictionary<string, string[]> { ["movement"] = ["nao_existe"] } }), ifMatch: update.Headers.ETag!.Tag);
        var error = await ApiClient.AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Opção inválida."], error.Fields!["options.movement"]);
        await ApiClient.AssertErrorAsync(await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/inexistente",
            JsonContent.Create(new { description = "x" })), HttpStatusCode.NotFound, "not_found");

        // The page: a second "create" of the same type (stale form, version 0) shows the conflict, it never duplicates.
        using var web = await Users.LoginAsync(user);
        var response = await SaveAsync(web, created.Id, "contabil", htmx: false, ("version", "0"), ("Description", "Duplicado?"));
        Assert.Contains("Este registro foi alterado por outra pessoa", await ClientTestData.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal("Atualizado", await App.WithDbAsync(db => db.DepartmentProfiles().Where(p => p.ClientId == created.Id).Select(p => p.Description).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DepartmentProfileTestsSqlite(SqlitePortal portal) : DepartmentProfileTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class DepartmentProfileTestsMySql(MySqlPortal portal) : DepartmentProfileTests(portal);
