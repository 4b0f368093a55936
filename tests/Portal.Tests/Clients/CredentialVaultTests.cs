using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>The credentials vault (clients.md §7): CLI-13, 14, 15 and the "never in any other response" scan.</summary>
public abstract class CredentialVaultTests(SharedPortal portal) : IntegrationTest(portal)
{
    private SharedPortal Portal { get; } = portal;

    private static string Secret() => "Senh@-" + Guid.NewGuid().ToString("N");

    private async Task<(Client Client, long CredentialId)> ClientWithCredentialAsync(TestClient manager, string secret)
    {
        var created = await ClientTestData.CreateAsync(App);
        var add = await manager.PostFormAsync($"/clientes/{created.Id}/acessos/novo",
            ("SystemName", "Prefeitura – NFS-e"), ("Url", "https://nfse.exemplo.gov.br"), ("Username", "usuario.nfse"), ("Password", secret), ("Notes", "Acesso principal"));
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Equal($"/clientes/{created.Id}#acessos", add.Headers.Location!.OriginalString);
        var credId = await App.WithDbAsync(db => db.ClientCredentials().Where(c => c.ClientId == created.Id).Select(c => c.Id).SingleAsync());
        return (created, credId);
    }

    private static async Task<HttpResponseMessage> RevealAsync(TestClient client, long clientId, long credId)
    {
        var token = await client.TokenFromAsync($"/clientes/{clientId}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{clientId}/acessos/{credId}/revelar");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }

    private Task<int> RevealAuditCountAsync(long clientId) =>
        App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "credential_revealed" && a.ResourceId == clientId.ToString()));

    [Fact]
    public async Task CLI13_password_is_encrypted_never_rendered_and_revealed_only_with_the_permission()
    {
        var secret = Secret();
        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var manager = await Users.LoginAsync(gestor);
        var (created, credId) = await ClientWithCredentialAsync(manager, secret);

        var stored = await App.WithDbAsync(db => db.ClientCredentials().SingleAsync(c => c.Id == credId));
        Assert.NotNull(stored.PasswordEncrypted);
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(stored.PasswordEncrypted!), StringComparison.Ordinal);

        var (page, doc) = await manager.GetPageAsync($"/clientes/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(secret, doc.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("••••••", doc.QuerySelector($"#pwd-{credId}")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector($"[data-reveal='/clientes/{created.Id}/acessos/{credId}/revelar']"));

        var reveal = await RevealAsync(manager, created.Id, credId);
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.True(reveal.Headers.CacheControl?.NoStore);
        Assert.Equal(secret, JsonDocument.Parse(await reveal.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString());
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "credential_revealed" && a.ResourceId == created.Id.ToString()));
        Assert.Equal(gestor.Id, entry.ActorUserId);
        Assert.Equal(manager.Ip, entry.Ip);
        Assert.Contains($"#{credId}", entry.ChangesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, entry.ChangesJson ?? "", StringComparison.Ordinal);

        // Without clients.credentials.reveal: no button, 403, no audit entry of type reveal.
        var viewer = await Users.CreateAsync(roles: ["Colaborador"]);
        using var other = await Users.LoginAsync(viewer);
        var (_, viewerDoc) = await other.GetPageAsync($"/clientes/{created.Id}");
        Assert.Null(viewerDoc.QuerySelector("[data-reveal]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await RevealAsync(other, created.Id, credId)).StatusCode);
        using var api = new ApiClient(App);
        await api.LoginAsync(viewer.Email, viewer.Password);
        await ApiClient.AssertErrorAsync(await api.PostAsync($"/api/v1/clients/{created.Id}/credentials/{credId}/reveal"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, await RevealAuditCountAsync(created.Id));

        // A reveal without the antiforgery token changes nothing either.
        var noToken = await manager.Http.PostAsync($"/clientes/{created.Id}/acessos/{credId}/revelar", null);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(1, await RevealAuditCountAsync(created.Id));
    }

    [Fact]
    public async Task CLI14_editing_the_password_audits_alterada_and_logs_never_contain_it()
    {
        var first = Secret();
        var second = Secret();
        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var manager = await Users.LoginAsync(gestor);
        var (created, credId) = await ClientWithCredentialAsync(manager, first);

        // Keeping the password: an empty field changes only the other fields.
        var keep = await manager.PostFormAsync($"/clientes/{created.Id}/acessos/{credId}/editar", ("SystemName", "Prefeitura – NFS-e"), ("Username", "outro.usuario"), ("Password", ""), ("Version", "1"));
        Assert.Equal(HttpStatusCode.Redirect, keep.StatusCode);
        var change = await manager.PostFormAsync($"/clientes/{created.Id}/acessos/{credId}/editar", ("SystemName", "Prefeitura – NFS-e"), ("Username", "outro.usuario"), ("Password", second), ("Version", "2"));
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        var reveal = await RevealAsync(manager, created.Id, credId);
        Assert.Equal(second, JsonDocument.Parse(await reveal.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString());
        var audit = await ClientTestData.AuditAsync(App, created.Id);
        var edits = audit.Where(a => a.Summary!.StartsWith("Acesso", StringComparison.Ordinal) && a.Action == "update").ToList();
        Assert.Equal(2, edits.Count);
        Assert.DoesNotContain("Senha", edits[0].ChangesJson, StringComparison.Ordinal);
        Assert.Contains("\"Field\":\"Senha\",\"Old\":null,\"New\":\"alterada\"", edits[1].ChangesJson, StringComparison.Ordinal);
        foreach (var entry in audit) Assert.DoesNotContain(second, entry.ChangesJson ?? "", StringComparison.Ordinal);

        var logs = App.ReadLogs();
        Assert.DoesNotContain(first, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(second, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CLI15_the_31st_reveal_within_10_minutes_is_429()
    {
        var user = await ClientTestData.UserWithAsync(Portal, "clients.view", "clients.credentials.manage", "clients.credentials.reveal");
        using var client = await Users.LoginAsync(user);
        var (created, credId) = await ClientWithCredentialAsync(client, Secret());
        var token = await client.TokenFromAsync($"/clientes/{created.Id}");
        for (var i = 1; i <= 30; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{created.Id}/acessos/{credId}/revelar");
            request.Headers.Add("RequestVerificationToken", token);
            var ok = await client.Http.SendAsync(request);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"reveal {i}: {(int)ok.StatusCode}");
        }
        using var last = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{created.Id}/acessos/{credId}/revelar");
        last.Headers.Add("RequestVerificationToken", token);
        var refused = await client.Http.SendAsync(last);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(30, await RevealAuditCountAsync(created.Id));
        // The API shares the same per-user budget.
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        var apiRefused = await api.PostAsync($"/api/v1/clients/{created.Id}/credentials/{credId}/reveal");
        await ApiClient.AssertErrorAsync(apiRefused, (HttpStatusCode)429, "rate_limited");
    }

    [Fact]
    public async Task The_decrypted_secret_appears_in_no_response_but_the_reveal_endpoints()
    {
        var secret = Secret();
        var admin = Users.Administrator;
        using var web = await Users.LoginAsync(admin);
        var (created, credId) = await ClientWithCredentialAsync(web, secret);
        var edit = await web.PostFormAsync($"/clientes/{created.Id}/acessos/{credId}/editar", ("SystemName", "eSocial"), ("Password", secret + "2"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        using var api = new ApiClient(App);
        await api.LoginAsync(admin.Email, admin.Password);

        var responses = new List<(string What, string Body)>();
        async Task Page(string url)
        {
            var r = await web.GetAsync(url);
            Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode}");
            responses.Add((url, await r.Content.ReadAsStringAsync()));
        }
        foreach (var url in new[]
        {
            "/clientes?tipo=todos", $"/clientes?q={created.Code}", $"/clientes/{created.Id}", $"/clientes/{created.Id}/editar",
            $"/clientes/{created.Id}/departamentos", $"/clientes/{created.Id}/acessos/{credId}/editar", $"/clientes/{created.Id}?historico=1",
            "/admin/auditoria",
        }) await Page(url);
        using (var quick = new HttpRequestMessage(HttpMethod.Get, $"/clientes/busca?q={created.Code}"))
        {
            quick.Headers.Add("HX-Request", "true");
            responses.Add(("quick search", await (await web.Http.SendAsync(quick)).Content.ReadAsStringAsync()));
        }
        var auditIds = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.ResourceId == created.Id.ToString()).Select(a => a.Id).ToListAsync());
        foreach (var id in auditIds) await Page($"/admin/auditoria/{id}");

        var get = await api.GetAsync($"/api/v1/clients/{created.Id}");
        responses.Add(("GET api", await get.Content.ReadAsStringAsync()));
        responses.Add(("LIST api", await (await api.GetAsync($"/api/v1/clients?q={created.Code}")).Content.ReadAsStringAsync()));
        var etag = get.Headers.ETag!.Tag;
        responses.Add(("PATCH api", await (await api.PatchAsync($"/api/v1/clients/{created.Id}", new { notes = "nota" }, etag)).Content.ReadAsStringAsync()));
        responses.Add(("PUT api", await (await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/administrativo",
            System.Net.Http.Json.JsonContent.Create(new { description = "perfil" }))).Content.ReadAsStringAsync()));

        foreach (var (what, body) in responses)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("passwordEncrypted", body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("\"hasPassword\":true", responses.Single(r => r.What == "GET api").Body, StringComparison.Ordinal);

        // Only the reveal endpoints answer it.
        var viaApi = await api.PostAsync($"/api/v1/clients/{created.Id}/credentials/{credId}/reveal");
        Assert.Equal(HttpStatusCode.OK, viaApi.StatusCode);
        Assert.True(viaApi.Headers.CacheControl?.NoStore);
        Assert.Equal(secret + "2", JsonDocument.Parse(await viaApi.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString());
        Assert.DoesNotContain(secret, App.ReadLogs(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CredentialVaultTestsSqlite(SqlitePortal portal) : CredentialVaultTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class CredentialVaultTestsMySql(MySqlPortal portal) : CredentialVaultTests(portal);
