using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Clients;
using Portal.Platform.Validation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>
/// Record actions and rules not covered elsewhere: deactivate/reactivate from the record (htmx), lookup values used by
/// clients and profiles (ClientSystemsUsage, form choices), the document change in the history, history paging, and
/// the API's establishmentType filter.
/// </summary>
public abstract class ClientRecordActionsTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static async Task<HttpResponseMessage> SetActiveAsync(TestClient client, long clientId, bool active, string? reason = null)
    {
        var token = await client.TokenFromAsync($"/clientes/{clientId}");
        var fields = new List<KeyValuePair<string, string>> { new("active", active ? "true" : "false"), new("__RequestVerificationToken", token) };
        if (reason is not null) fields.Add(new("reason", reason));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{clientId}?handler=Active") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        return await client.Http.SendAsync(request);
    }

    private static async Task<string> FollowAsync(TestClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, doc) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        return doc.Body!.TextContent;
    }

    [Fact]
    public async Task Deactivate_and_reactivate_from_the_record_with_htmx()
    {
        var created = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var web = await Users.LoginAsync(user);

        var off = await SetActiveAsync(web, created.Id, active: false, reason: "  Encerrou as atividades  ");
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Contains("Cliente desativado.", off.Headers.GetValues("HX-Trigger").Single(), StringComparison.Ordinal);
        var fragment = TestClient.Parse(await off.Content.ReadAsStringAsync());
        var status = fragment.QuerySelector("#client-status")!;
        Assert.Contains("Inativo", status.TextContent, StringComparison.Ordinal);
        Assert.Contains("Encerrou as atividades", status.TextContent, StringComparison.Ordinal);
        Assert.NotNull(status.QuerySelector("input[name='active'][value='true']")); // the "Reativar" button

        var stored = (await ClientTestData.LoadAsync(App, created.Id))!;
        Assert.False(stored.IsActive);
        Assert.NotNull(stored.DeactivatedAt);
        Assert.True(DateTime.UtcNow - stored.DeactivatedAt!.Value < TimeSpan.FromMinutes(5));
        Assert.Equal("Encerrou as atividades", stored.DeactivationReason);
        var entry = (await ClientTestData.AuditAsync(App, created.Id)).Last();
        Assert.Equal("update", entry.Action);
        Assert.Equal(user.Id, entry.ActorUserId);
        Assert.Equal($"Cliente {created.Code} – {created.Name} desativado", entry.Summary);
        Assert.Contains("\"Field\":\"Ativo\"", entry.ChangesJson, StringComparison.Ordinal);
        Assert.Contains("Encerrou as atividades", entry.ChangesJson, StringComparison.Ordinal);

        // Hidden from the default list, shown with "Mostrar inativos".
        var (_, list) = await web.GetPageAsync($"/clientes?q={created.Code}");
        Assert.Null(list.QuerySelector($"tr[data-client-id='{created.Id}']"));

        var on = await SetActiveAsync(web, created.Id, active: true);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Contains("Cliente reativado.", on.Headers.GetValues("HX-Trigger").Single(), StringComparison.Ordinal);
        Assert.Contains("Ativo", TestClient.Parse(await on.Content.ReadAsStringAsync()).QuerySelector("#client-status")!.TextContent, StringComparison.Ordinal);
        stored = (await ClientTestData.LoadAsync(App, created.Id))!;
        Assert.True(stored.IsActive);
        Assert.Null(stored.DeactivatedAt);
        Assert.Null(stored.DeactivationReason);
        var reactivated = (await ClientTestData.AuditAsync(App, created.Id)).Last();
        Assert.Equal($"Cliente {created.Code} – {created.Name} reativado", reactivated.Summary);
        var (_, listAgain) = await web.GetPageAsync($"/clientes?q={created.Code}");
        Assert.NotNull(listAgain.QuerySelector($"tr[data-client-id='{created.Id}']"));

        // A reason over 200 characters is refused and nothing changes; without clients.edit it is 403.
        var entries = (await ClientTestData.AuditAsync(App, created.Id)).Count;
        var tooLong = await SetActiveAsync(web, created.Id, active: false, reason: new string('x', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using (var trigger = System.Text.Json.JsonDocument.Parse(tooLong.Headers.GetValues("HX-Trigger").Single()))
            Assert.Equal(Validators.MaxLength(200), trigger.RootElement.GetProperty("toast").GetProperty("message").GetString());
        var viewer = await Users.CreateAsync(roles: ["Colaborador"]);
        using var viewerWeb = await Users.LoginAsync(viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await SetActiveAsync(viewerWeb, created.Id, active: false)).StatusCode);
        Assert.True((await ClientTestData.LoadAsync(App, created.Id))!.IsActive);
        Assert.Equal(entries, (await ClientTestData.AuditAsync(App, created.Id)).Count);
    }

    [Fact]
    public async Task Lookup_values_in_use_by_clients_or_profiles_cannot_be_deleted_and_list_changes_reach_the_profile_form()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var token = ClientTestData.Token();
        const string systems = DepartmentOptions.SystemsListKey;
        var importList = DepartmentOptions.ImportMethods.ListKey;

        // A system linked to a client.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/admin/listas/{systems}", ("Label", $"Sistema {token}"))).StatusCode);
        var systemId = await App.WithDbAsync(db => db.LookupValues.Where(v => v.List.Key == systems && v.Label == $"Sistema {token}").Select(v => v.Id).SingleAsync());
        await ClientTestData.CreateAsync(App, change: i => i.SystemIds = [systemId]);
        var refused = await admin.PostFormAsync($"/admin/listas/{systems}", $"/admin/listas/{systems}?handler=Delete&id={systemId}", []);
        Assert.Contains("Valor em uso; desative-o.", await FollowAsync(admin, refused), StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.LookupValues.AnyAsync(v => v.Id == systemId)));

        // A client_dept_* value: offered on the form once added, refused for deletion once a profile uses it.
        var label = $"Entradas – API {token}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/admin/listas/{importList}", ("Label", label))).StatusCode);
        var value = await App.WithDbAsync(db => db.LookupValues.Where(v => v.List.Key == importList && v.Label == label).Select(v => new { v.Id, v.Code }).SingleAsync());
        var created = await ClientTestData.CreateAsync(App);
        var (_, form) = await admin.GetPageAsync($"/clientes/{created.Id}/departamentos");
        var option = form.QuerySelector($"#form-fiscal input[name='opt.import_methods'][value='{value.Code}']");
        Assert.NotNull(option);
        Assert.Contains(label, form.QuerySelector("#form-fiscal")!.TextContent, StringComparison.Ordinal);

        var other = await ClientTestData.CreateAsync(App);
        var (_, before) = await admin.GetPageAsync($"/clientes/{other.Id}/departamentos");
        Assert.NotNull(before.QuerySelector($"#form-fiscal input[name='opt.import_methods'][value='{value.Code}']"));
        await App.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<Portal.Platform.Audit.AuditActor>().Use(null, "Teste", "test");
            var input = new ProfileInput { Options = { ["import_methods"] = [value.Code] } };
            var result = await sp.GetRequiredService<DepartmentProfiles>().SaveAsync(other.Id, "fiscal", input, null);
            Assert.True(result.Succeeded, result.Outcome.ToString());
        });
        var inUse = await admin.PostFormAsync($"/admin/listas/{importList}", $"/admin/listas/{importList}?handler=Delete&id={value.Id}", []);
        Assert.Contains("Valor em uso; desative-o.", await FollowAsync(admin, inUse), StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.LookupValues.AnyAsync(v => v.Id == value.Id)));

        // Deactivated: no longer offered to a profile without it; still shown (checked) where it is selected.
        var deactivate = await admin.PostFormAsync($"/admin/listas/{importList}", $"/admin/listas/{importList}?handler=Deactivate&id={value.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        var (_, after) = await admin.GetPageAsync($"/clientes/{created.Id}/departamentos");
        Assert.Null(after.QuerySelector($"#form-fiscal input[name='opt.import_methods'][value='{value.Code}']"));
        Assert.DoesNotContain(label, after.QuerySelector("#form-fiscal")!.TextContent, StringComparison.Ordinal);
        var (_, using_) = await admin.GetPageAsync($"/clientes/{other.Id}/departamentos");
        var kept = using_.QuerySelector($"#form-fiscal input[name='opt.import_methods'][value='{value.Code}']");
        Assert.NotNull(kept);
        Assert.True(kept!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Changing_the_document_names_old_and_new_in_the_history()
    {
        var created = await ClientTestData.CreateAsync(App);
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var web = await Users.LoginAsync(user);
        var input = ClientService.ToInput((await ClientTestData.LoadAsync(App, created.Id))!);
        var newDocument = ClientTestData.Cnpj();
        input.Document = Documents.Format(newDocument);
        var response = await web.PostFormAsync($"/clientes/{created.Id}/editar", null,
            ClientTestData.Form(input, created.Version).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(newDocument, (await ClientTestData.LoadAsync(App, created.Id))!.Document);

        var entry = (await ClientTestData.AuditAsync(App, created.Id)).Last();
        var oldText = Documents.Format(created.Document);
        var newText = Documents.Format(newDocument);
        Assert.Equal($"Cliente {created.Code} – {created.Name} alterado (CNPJ {oldText} → {newText})", entry.Summary);
        var (_, doc) = await web.GetPageAsync($"/clientes/{created.Id}");
        var first = doc.QuerySelector("[data-history] > li")!.TextContent;
        Assert.Contains($"CNPJ {oldText} → {newText}", first, StringComparison.Ordinal);
        Assert.Contains($"CNPJ: {oldText} → {newText}", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_shows_20_entries_per_page_newest_first()
    {
        var created = await ClientTestData.CreateAsync(App);
        await App.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<Portal.Platform.Audit.AuditActor>().Use(null, "Teste", "test");
            var activation = sp.GetRequiredService<ClientActivation>();
            for (var i = 0; i < 12; i++)
            {
                await activation.SetActiveAsync(created.Id, false, $"motivo {i:00}");
                await activation.SetActiveAsync(created.Id, true, null);
            }
        });
        var total = (await ClientTestData.AuditAsync(App, created.Id)).Count;
        Assert.Equal(25, total); // created + 24 changes
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var web = await Users.LoginAsync(user);

        var (_, first) = await web.GetPageAsync($"/clientes/{created.Id}");
        var items = first.QuerySelectorAll("[data-history] > li").ToList();
        Assert.Equal(ClientDetails.HistoryPageSize, items.Count);
        Assert.Contains("reativado", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("motivo 11", items[1].TextContent, StringComparison.Ordinal);
        var nav = first.QuerySelector("nav[aria-label='Páginas do histórico']")!;
        Assert.Contains("Página 1 de 2", nav.TextContent, StringComparison.Ordinal);
        var older = nav.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal("?historico=2#historico", older);

        var (_, second) = await web.GetPageAsync($"/clientes/{created.Id}?historico=2");
        var rest = second.QuerySelectorAll("[data-history] > li").ToList();
        Assert.Equal(5, rest.Count);
        Assert.Equal("create", rest[^1].GetAttribute("data-action"));
        Assert.Contains("Página 2 de 2", second.QuerySelector("nav[aria-label='Páginas do histórico']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task API_list_filters_by_establishment_type()
    {
        var token = ClientTestData.Token();
        var matriz = await ClientTestData.CreateAsync(App, change: i => i.Name = $"Estab Matriz {token}");
        var filial = await ClientTestData.CreateAsync(App, change: i =>
        {
            i.Name = $"Estab Filial {token}";
            i.Document = ClientTestData.Cnpj(root: matriz.Document[..8], branch: "0002");
            i.EstablishmentType = "Filial";
            i.ParentClientId = matriz.Id;
        });
        var person = await ClientTestData.CreateAsync(App, change: i => { i.Name = $"Estab Pessoa {token}"; i.Document = ClientTestData.Cpf(); i.EstablishmentType = null; });
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = await ApiClient.LoginAsync(App, user);

        async Task<List<long>> IdsAsync(string query) =>
            (await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients?q={token}{query}"))).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("id").GetInt64()).Order().ToList();

        Assert.Equal(new[] { matriz.Id, filial.Id, person.Id }.Order(), await IdsAsync(""));
        Assert.Equal(new[] { matriz.Id, person.Id }.Order(), await IdsAsync("&establishmentType=Matriz"));
        Assert.Equal([filial.Id], await IdsAsync("&establishmentType=Filial"));
        var one = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients?q={token}&establishmentType=Filial"));
        Assert.Equal(matriz.Id, one.GetProperty("items")[0].GetProperty("parentClientId").GetInt64());
        await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/clients?establishmentType=Sede"), HttpStatusCode.BadRequest, "invalid_filter");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientRecordActionsTestsSqlite(SqlitePortal portal) : ClientRecordActionsTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientRecordActionsTestsMySql(MySqlPortal portal) : ClientRecordActionsTests(portal);
