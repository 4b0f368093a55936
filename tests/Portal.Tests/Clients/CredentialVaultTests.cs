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
    public async Task Delete_needs_credentials_manage_and_is_audited_without_the_secret()
    {
        var secret = Secret();
        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var manager = await Users.LoginAsync(gestor);
        var (created, credId) = await ClientWithCredentialAsync(manager, secret);
        var editUrl = $"/clientes/{created.Id}/acessos/{credId}/editar";

        // Without clients.credentials.manage: 403 and the access stays.
        var viewer = await Users.CreateAsync(roles: ["Colaborador"]);
        using var other = await Users.LoginAsync(viewer);
        var token = await other.TokenFromAsync($"/clientes/{created.Id}");
        var refused = await other.Http.PostAsync($"{editUrl}?handler=Delete",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.ClientCredentials().AnyAsync(c => c.Id == credId)));

        var deleted = await manager.PostFormAsync(editUrl, $"{editUrl}?handler=Delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"/clientes/{created.Id}#acessos", deleted.Headers.Location!.OriginalString);
        Assert.False(await App.WithDbAsync(db => db.ClientCredentials().AnyAsync(c => c.Id == credId)));
        var entry = (await ClientTestData.AuditAsync(App, created.Id)).Last();
        Assert.Equal("delete", entry.Action);
        Assert.Equal("Acesso Prefeitura – NFS-e excluído", entry.Summary);
        Assert.DoesNotContain(secret, entry.ChangesJson ?? "", StringComparison.Ordinal);
        var (_, record) = await manager.GetPageAsync($"/clientes/{created.Id}");
        Assert.Null(record.QuerySelector($"[data-credential-id='{credId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(editUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RevealAsync(manager, created.Id, credId)).StatusCode);
    }

    [Fact]
    public async Task A_stale_edit_keeps_the_other_save_and_unknown_credentials_are_404()
    {
        var secret = Secret();
        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var manager = await Users.LoginAsync(gestor);
        var (created, credId) = await ClientWithCredentialAsync(manager, secret);
        var editUrl = $"/clientes/{created.Id}/acessos/{credId}/editar";

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(editUrl, ("SystemName", "Primeira edição"), ("Version", "1"))).StatusCode);
        var stale = await manager.PostFormAsync(editUrl, ("SystemName", "Edição antiga"), ("Password", secret + "-velha"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await ClientTestData.TextAsync(stale);
        Assert.Contains("Este registro foi alterado por outra pessoa", html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.Equal("Primeira edição", TestClient.Parse(html).QuerySelector("input[name='SystemName']")!.GetAttribute("value"));
        var stored = await App.WithDbAsync(db => db.ClientCredentials().AsNoTracking().SingleAsync(c => c.Id == credId));
        Assert.Equal("Primeira edição", stored.SystemName);
        Assert.Equal(2, stored.Version);
        var reveal = await RevealAsync(manager, created.Id, credId);
        Assert.Equal(secret, JsonDocument.Parse(await reveal.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString());

        // Unknown credential, or one of another client: 404 everywhere, nothing audited.
        var other = await ClientTestData.CreateAsync(App);
        var reveals = await RevealAuditCountAsync(created.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await RevealAsync(manager, created.Id, credId + 100_000)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RevealAsync(manager, other.Id, credId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/clientes/{other.Id}/acessos/{credId}/editar")).StatusCode);
        using var api = await ApiClient.LoginAsync(App, gestor);
        await ApiClient.AssertErrorAsync(await api.PostAsync($"/api/v1/clients/{created.Id}/credentials/{credId + 100_000}/reveal"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(reveals, await RevealAuditCountAsync(created.Id));
        Assert.Equal(0, await RevealAuditCountAsync(other.Id));
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
        await Page("/clientes/novo");
        await Page($"/admin/auditoria?resource={created.Code}&handler=Csv");
        await Page("/admin/auditoria?handler=Csv");

        // The credential form re-shown after a validation error, with the secret typed in.
        var invalid = await web.PostFormAsync($"/clientes/{created.Id}/acessos/{credId}/editar", ("SystemName", ""), ("Password", secret), ("Version", "2"));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        responses.Add(("invalid credential form", await invalid.Content.ReadAsStringAsync()));
        var invalidNew = await web.PostFormAsync($"/clientes/{created.Id}/acessos/novo", ("SystemName", ""), ("Password", secret));
        Assert.Equal(HttpStatusCode.OK, invalidNew.StatusCode);
        responses.Add(("invalid new credential form", await invalidNew.Content.ReadAsStringAsync()));

        // htmx answers of the record: status toggle and a department form.
        async Task Htmx(string what, string pageUrl, string url, params (string, string)[] fields)
        {
            var token = await web.TokenFromAsync(pageUrl);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
            };
            request.Headers.Add("HX-Request", "true");
            var r = await web.Http.SendAsync(request);
            Assert.True(r.IsSuccessStatusCode, $"{what}: {(int)r.StatusCode}");
            responses.Add((what, await r.Content.ReadAsStringAsync() + string.Join(" ", r.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value)))));
        }
        await Htmx("htmx deactivate", $"/clientes/{created.Id}", $"/clientes/{created.Id}?handler=Active", ("active", "false"));
        await Htmx("htmx reactivate", $"/clientes/{created.Id}", $"/clientes/{created.Id}?handler=Active", ("active", "true"));
        await Htmx("htmx profile", $"/clientes/{created.Id}/departamentos", $"/clientes/{created.Id}/departamentos?handler=Save&tipo=pessoal",
            ("version", "0"), ("Description", "perfil pessoal"));
        using (var lookup = new HttpRequestMessage(HttpMethod.Get, $"/clientes/busca?q={created.Document}"))
        {
            lookup.Headers.Add("HX-Request", "true");
            responses.Add(("quick search by document", await (await web.Http.SendAsync(lookup)).Content.ReadAsStringAsync()));
        }

        var get = await api.GetAsync($"/api/v1/clients/{created.Id}");
        responses.Add(("GET api", await get.Content.ReadAsStringAsync()));
        responses.Add(("LIST api", await (await api.GetAsync($"/api/v1/clients?q={created.Code}")).Content.ReadAsStringAsync()));
        var etag = get.Headers.ETag!.Tag;
        responses.Add(("PATCH api", await (await api.PatchAsync($"/api/v1/clients/{created.Id}", new { notes = "nota" }, etag)).Content.ReadAsStringAsync()));
        responses.Add(("PUT api", await (await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/administrativo",
            System.Net.Http.Json.JsonContent.Create(new { description = "perfil" }))).Content.ReadAsStringAsync()));

        var posted = await api.PostAsync("/api/v1/clients", new
        {
            code = "S" + ClientTestData.Token(), name = "Empresa scan", document = ClientTestData.Cnpj(), establishmentType = "Matriz", taxRegime = "SimplesNacional",
            openingDate = "2020-01-15", bookkeepingAccrual = true,
        });
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        responses.Add(("POST api", await posted.Content.ReadAsStringAsync()));
        var postedId = (await ApiClient.ReadJsonAsync(posted)).GetProperty("id").GetInt64();
        var deletedApi = await api.DeleteAsync($"/api/v1/clients/{postedId}", posted.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, deletedApi.StatusCode);
        responses.Add(("DELETE api", await deletedApi.Content.ReadAsStringAsync()));
        var refusedDelete = await api.DeleteAsync($"/api/v1/clients/{created.Id}", "\"999\"");
        responses.Add(("DELETE api refused", await refusedDelete.Content.ReadAsStringAsync()));
        responses.Add(("GET api after", await (await api.GetAsync($"/api/v1/clients/{created.Id}")).Content.ReadAsStringAsync()));

        foreach (var (what, body) in responses)
        {
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"secret in {what}");
            Assert.False(body.Contains("passwordEncrypted", StringComparison.OrdinalIgnoreCase), $"encrypted column in {what}");
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
