using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>
/// Write paths refuse users without the permission (page form, htmx partial, API) and change nothing (CLI-12,
/// API-12): the client's version and audit trail stay as they were.
/// </summary>
public abstract class ClientAuthorizationTests(SharedPortal portal) : IntegrationTest(portal)
{
    private SharedPortal Portal { get; } = portal;

    private static async Task<HttpResponseMessage> HtmxPostAsync(TestClient client, string pageUrl, string url, params (string, string)[] fields)
    {
        var token = await client.TokenFromAsync(pageUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task CLI12_without_clients_edit_every_edit_path_is_403_and_nothing_changes()
    {
        var created = await ClientTestData.CreateAsync(App);
        var viewer = await ClientTestData.UserWithAsync(Portal, "clients.view", "clients.create", "clients.departments.edit",
            "clients.credentials.manage");
        using var web = await Users.LoginAsync(viewer);
        var before = await ClientTestData.LoadAsync(App, created.Id);
        var auditBefore = (await ClientTestData.AuditAsync(App, created.Id)).Count;

        Assert.Equal(HttpStatusCode.Forbidden, (await web.GetAsync($"/clientes/{created.Id}/editar")).StatusCode);
        var input = ClientService.ToInput(before!);
        input.Name = "Alterado sem permissão";
        var page = await web.PostFormAsync($"/clientes/{created.Id}", $"/clientes/{created.Id}/editar",
            ClientTestData.Form(input, before!.Version).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);

        var htmx = await HtmxPostAsync(web, $"/clientes/{created.Id}", $"/clientes/{created.Id}?handler=Active", ("active", "false"), ("reason", "x"));
        Assert.Equal(HttpStatusCode.Forbidden, htmx.StatusCode);

        using var api = new ApiClient(App);
        await api.LoginAsync(viewer.Email, viewer.Password);
        var patch = await api.PatchAsync($"/api/v1/clients/{created.Id}", new { name = "Alterado pela API" }, ifMatch: $"\"{before.Version}\"");
        await ApiClient.AssertErrorAsync(patch, HttpStatusCode.Forbidden, "forbidden");

        var after = await ClientTestData.LoadAsync(App, created.Id);
        Assert.Equal(before.Name, after!.Name);
        Assert.True(after.IsActive);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(auditBefore, (await ClientTestData.AuditAsync(App, created.Id)).Count);
    }

    [Fact]
    public async Task Other_write_permissions_are_checked_on_pages_htmx_and_API()
    {
        var created = await ClientTestData.CreateAsync(App);
        var viewer = await ClientTestData.UserWithAsync(Portal, "clients.view");
        using var web = await Users.LoginAsync(viewer);
        using var api = new ApiClient(App);
        await api.LoginAsync(viewer.Email, viewer.Password);
        var auditBefore = (await ClientTestData.AuditAsync(App, created.Id)).Count;
        var clientsBefore = await App.WithDbAsync(db => db.Clients().CountAsync());

        // create
        var newInput = ClientTestData.Input();
        Assert.Equal(HttpStatusCode.Forbidden, (await web.GetAsync("/clientes/novo")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostFormAsync("/clientes", "/clientes/novo",
            ClientTestData.Form(newInput).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)))).StatusCode);
        await ApiClient.AssertErrorAsync(await api.PostAsync("/api/v1/clients", newInput), HttpStatusCode.Forbidden, "forbidden");
        // delete
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostFormAsync($"/clientes/{created.Id}", $"/clientes/{created.Id}?handler=Delete", [])).StatusCode);
        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/clients/{created.Id}", "\"1\""), HttpStatusCode.Forbidden, "forbidden");
        // department profiles (htmx partial and API)
        Assert.Equal(HttpStatusCode.Forbidden, (await web.GetAsync($"/clientes/{created.Id}/departamentos")).StatusCode);
        var htmx = await HtmxPostAsync(web, $"/clientes/{created.Id}", $"/clientes/{created.Id}/departamentos?handler=Save&tipo=fiscal",
            ("version", "0"), ("Description", "sem permissão"));
        Assert.Equal(HttpStatusCode.Forbidden, htmx.StatusCode);
        await ApiClient.AssertErrorAsync(await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/fiscal",
            JsonContent.Create(new { description = "x" })), HttpStatusCode.Forbidden, "forbidden");
        // credentials
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostFormAsync($"/clientes/{created.Id}", $"/clientes/{created.Id}/acessos/novo",
            [new("SystemName", "eSocial"), new("Password", "x")])).StatusCode);
        // document lookup needs clients.create or clients.edit
        Assert.Equal(HttpStatusCode.Forbidden, (await web.GetAsync("/clientes/consulta-documento/11222333000181")).StatusCode);
        await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/lookups/document/11222333000181"), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(clientsBefore, await App.WithDbAsync(db => db.Clients().CountAsync()));
        Assert.Equal(auditBefore, (await ClientTestData.AuditAsync(App, created.Id)).Count);
        Assert.False(await App.WithDbAsync(db => db.DepartmentProfiles().AnyAsync(p => p.ClientId == created.Id)));
        Assert.False(await App.WithDbAsync(db => db.ClientCredentials().AnyAsync(p => p.ClientId == created.Id)));
    }

    [Fact]
    public async Task Without_clients_view_the_pages_and_API_are_forbidden()
    {
        var created = await ClientTestData.CreateAsync(App);
        var nobody = await ClientTestData.UserWithAsync(Portal, "tasks.access");
        using var web = await Users.LoginAsync(nobody);
        foreach (var url in new[] { "/clientes", $"/clientes/{created.Id}", $"/clientes/codigo/{created.Code}", "/clientes/busca?q=x" })
            Assert.Equal(HttpStatusCode.Forbidden, (await web.GetAsync(url)).StatusCode);
        using var api = new ApiClient(App);
        await api.LoginAsync(nobody.Email, nobody.Password);
        await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/clients"), HttpStatusCode.Forbidden, "forbidden");
        await ApiClient.AssertErrorAsync(await api.GetAsync($"/api/v1/clients/{created.Id}"), HttpStatusCode.Forbidden, "forbidden");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientAuthorizationTestsSqlite(SqlitePortal portal) : ClientAuthorizationTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientAuthorizationTestsMySql(MySqlPortal portal) : ClientAuthorizationTests(portal);
