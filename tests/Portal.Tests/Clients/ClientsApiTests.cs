using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Platform.Validation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>/api/v1/clients (clients.md §10; API-12, 13, 14, 15 for clients).</summary>
public abstract class ClientsApiTests(SharedPortal portal) : IntegrationTest(portal)
{
    private async Task<ApiClient> ApiAsync(string[] roles)
    {
        var user = await Users.CreateAsync(roles: roles);
        var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        return api;
    }

    [Fact]
    public async Task List_filters_pages_projects_fields_and_clamps_the_page_size()
    {
        var token = ClientTestData.Token();
        var mei = await ClientTestData.CreateAsync(App, change: i => { i.Name = $"Api MEI {token}"; i.TaxRegime = "MEI"; });
        var real = await ClientTestData.CreateAsync(App, change: i => { i.Name = $"Api Real {token}"; i.TaxRegime = "LucroReal"; });
        var inactive = await ClientTestData.CreateAsync(App, change: i => { i.Name = $"Api Inativo {token}"; i.IsActive = false; });
        using var api = await ApiAsync(["Colaborador"]);

        var all = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients?q={token}&pageSize=1000"));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(200, all.GetProperty("pageSize").GetInt32());
        var first = all.GetProperty("items")[0];
        Assert.Equal("CNPJ", first.GetProperty("documentType").GetString());
        Assert.Equal(14, first.GetProperty("document").GetString()!.Length);

        var filtered = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients?q={token}&taxRegime=MEI,LucroReal&active=true"));
        Assert.Equal(new[] { mei.Id, real.Id }.Order(), filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order());
        var onlyInactive = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients?q={token}&active=false"));
        Assert.Equal(inactive.Id, onlyInactive.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt64());

        var projected = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients?q={token}&fields=id,code&pageSize=1&page=2"));
        var item = projected.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(["id", "code"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, projected.GetProperty("total").GetInt32());

        await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/clients?fields=id,password"), HttpStatusCode.BadRequest, "invalid_fields");
        await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/clients?taxRegime=Nenhum"), HttpStatusCode.BadRequest, "invalid_filter");
    }

    [Fact]
    public async Task Create_returns_201_with_location_and_etag_and_validation_errors_use_json_field_names()
    {
        using var api = await ApiAsync(["Gestor"]);
        var document = ClientTestData.Cnpj();
        var body = new
        {
            document = Documents.Format(document), code = "API" + ClientTestData.Token(), name = "Empresa via API", openingDate = "2020-01-15",
            establishmentType = "Matriz", taxRegime = "LucroPresumido", bookkeepingAccrual = true,
            partners = new[] { new { name = "Sócio API", qualification = "Sócio-Administrador", isAdministrator = true } },
            contacts = new[] { new { name = "Contato API", channels = new[] { new { type = "WhatsApp", value = "(48) 99999-8888" } } } },
        };
        var created = await api.PostAsync("/api/v1/clients", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await ApiClient.ReadJsonAsync(created);
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/clients/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal(document, json.GetProperty("document").GetString());
        Assert.Equal("48999998888", json.GetProperty("contacts")[0].GetProperty("channels")[0].GetProperty("value").GetString());
        var audit = Assert.Single(await ClientTestData.AuditAsync(App, id));
        Assert.Equal("api", audit.Channel);

        var invalid = await api.PostAsync("/api/v1/clients", new { document = "11.222.333/0001-82", code = "X", name = "Y", taxRegime = "MEI", bookkeepingCash = true, openingDate = "2020-01-01" });
        var error = await ApiClient.AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["CNPJ inválido."], error.Fields!["document"]);
        var duplicate = await api.PostAsync("/api/v1/clients", body with { });
        error = await ApiClient.AssertErrorAsync(duplicate, HttpStatusCode.BadRequest, "validation_failed");
        Assert.StartsWith("Já existe um cliente com este CNPJ", error.Fields!["document"].Single(), StringComparison.Ordinal);
        var wrongType = await api.SendAsync(HttpMethod.Post, "/api/v1/clients", JsonContent.Create(new { document = 123, bookkeepingCash = "sim" }));
        await ApiClient.AssertErrorAsync(wrongType, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task API13_patch_needs_If_Match_stale_is_412_with_current_and_partial_fields_keep_the_rest()
    {
        var created = await ClientTestData.CreateAsync(App, change: i => i.Partners.Add(new PartnerInput { Name = "Sócia Mantida" }));
        using var api = await ApiAsync(["Gestor"]);
        var get = await api.GetAsync($"/api/v1/clients/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"1\"", get.Headers.ETag!.Tag);

        await ApiClient.AssertErrorAsync(await api.PatchAsync($"/api/v1/clients/{created.Id}", new { tradeName = "Fantasia" }), (HttpStatusCode)428, "precondition_required");
        var ok = await api.PatchAsync($"/api/v1/clients/{created.Id}", new { tradeName = "Fantasia", phone = "(48) 3333-4444" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag!.Tag);
        var json = await ApiClient.ReadJsonAsync(ok);
        Assert.Equal("Fantasia", json.GetProperty("tradeName").GetString());
        Assert.Equal("4833334444", json.GetProperty("phone").GetString());
        Assert.Equal(created.Name, json.GetProperty("name").GetString());
        Assert.Equal("Sócia Mantida", json.GetProperty("partners")[0].GetProperty("name").GetString());

        var stale = await api.PatchAsync($"/api/v1/clients/{created.Id}", new { tradeName = "Velha" }, "\"1\"");
        var error = await ApiClient.AssertErrorAsync(stale, HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("Fantasia", error.Current!.Value.GetProperty("tradeName").GetString());
        var byBody = await api.PatchAsync($"/api/v1/clients/{created.Id}", new { notes = "Versão no corpo", version = 2 });
        Assert.Equal(HttpStatusCode.OK, byBody.StatusCode);
        var invalid = await api.PatchAsync($"/api/v1/clients/{created.Id}", new { email = "fulano@" }, "\"3\"");
        error = await ApiClient.AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["E-mail inválido."], error.Fields!["email"]);
        await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/clients/999999999"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Delete_needs_If_Match_and_refuses_a_matriz_with_filiais()
    {
        var matriz = await ClientTestData.CreateAsync(App);
        await ClientTestData.CreateAsync(App, change: i =>
        {
            i.Document = ClientTestData.Cnpj(matriz.Document[..8], "0003");
            i.EstablishmentType = "Filial";
            i.ParentClientId = matriz.Id;
        });
        var lonely = await ClientTestData.CreateAsync(App);
        using var api = await ApiAsync([Portal.Platform.Setup.ReferenceData.AdministratorRoleName]);

        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/clients/{lonely.Id}"), (HttpStatusCode)428, "precondition_required");
        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/clients/{lonely.Id}", "\"7\""), HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/clients/{lonely.Id}", "\"1\"")).StatusCode);
        Assert.Null(await ClientTestData.LoadAsync(App, lonely.Id));
        var deleted = (await ClientTestData.AuditAsync(App, lonely.Id)).Last();
        Assert.Equal("delete", deleted.Action);
        Assert.Contains(lonely.Name, deleted.ChangesJson, StringComparison.Ordinal);

        var refused = await api.DeleteAsync($"/api/v1/clients/{matriz.Id}", "\"1\"");
        var error = await ApiClient.AssertErrorAsync(refused, HttpStatusCode.Conflict, "has_dependents");
        Assert.Equal("Cliente possui registros vinculados; desative-o.", error.Message);
        Assert.NotNull(await ClientTestData.LoadAsync(App, matriz.Id));
    }

    [Fact]
    public async Task Record_API_never_lists_department_profiles_of_other_clients_and_hides_passwords()
    {
        var created = await ClientTestData.CreateAsync(App);
        using var api = await ApiAsync(["Gestor"]);
        var put = await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/pessoal",
            JsonContent.Create(new { payrollSendDate = "até o dia 25", timeClock = "Secullum" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var json = await ApiClient.ReadJsonAsync(await api.GetAsync($"/api/v1/clients/{created.Id}"));
        var profile = json.GetProperty("departmentProfiles").EnumerateArray().Single();
        Assert.Equal("pessoal", profile.GetProperty("departmentType").GetString());
        Assert.Equal("até o dia 25", profile.GetProperty("payrollSendDate").GetString());
        Assert.Equal(0, json.GetProperty("credentials").GetArrayLength());
        Assert.Equal(1, await App.WithDbAsync(db => db.DepartmentProfiles().CountAsync(p => p.ClientId == created.Id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientsApiTestsSqlite(SqlitePortal portal) : ClientsApiTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientsApiTestsMySql(MySqlPortal portal) : ClientsApiTests(portal);
