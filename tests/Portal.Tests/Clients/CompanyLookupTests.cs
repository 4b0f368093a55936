using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Clients;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Settings;
using Portal.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Portal.Tests.Clients;

/// <summary>
/// A private portal whose CNPJ lookup points at WireMock fakes of BrasilAPI, ReceitaWS and Acessórias (the test
/// machines have no internet), with short timeouts; plus a fake "linked records" module for CLI-20.
/// </summary>
public sealed class LookupFixture : IAsyncLifetime
{
    public WireMockServer BrasilApi { get; } = WireMockServer.Start();
    public WireMockServer ReceitaWs { get; } = WireMockServer.Start();
    public WireMockServer Acessorias { get; } = WireMockServer.Start();
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;
    public const string AcessoriasToken = "token-acessorias-teste";

    public Dictionary<string, string?> Settings(bool enabled) => new()
    {
        ["Clients:Lookup:Enabled"] = enabled ? "true" : "false",
        ["Clients:Lookup:BrasilApiUrl"] = BrasilApi.Url + "/api/cnpj/v1/{cnpj}",
        ["Clients:Lookup:ReceitaWsUrl"] = ReceitaWs.Url + "/v1/cnpj/{cnpj}",
        ["Clients:Lookup:TimeoutSeconds"] = "3", // room for a loaded test machine; the timeout case waits longer
        ["Clients:Lookup:RetryDelayMilliseconds"] = "10",
        ["Clients:Lookup:AcessoriasBaseUrl"] = Acessorias.Url,
        ["Clients:Lookup:AcessoriasToken"] = AcessoriasToken,
    };

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(DatabaseKind.Sqlite, Settings(enabled: true),
            services => services.AddScoped<IClientDependents, FakeDependents>());
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        BrasilApi.Stop();
        ReceitaWs.Stop();
        Acessorias.Stop();
    }

    /// <summary>Stands for tasks/closing/… records linked to a client (those modules register the real ones).</summary>
    public sealed class FakeDependents : IClientDependents
    {
        public static readonly ConcurrentDictionary<long, bool> Linked = new();

        public Task<bool> HasAnyAsync(long clientId, CancellationToken ct) => Task.FromResult(Linked.ContainsKey(clientId));
    }
}

/// <summary>clients.md §4 against WireMock fakes: CLI-09, 10, 11, 25, the cache, the limits, and CLI-20.</summary>
public sealed class CompanyLookupTests(LookupFixture fx) : IClassFixture<LookupFixture>
{
    private static string BrasilApiJson(string cnpj, string name = "EMPRESA TESTE LTDA") => $$"""
        {"cnpj":"{{cnpj}}","razao_social":"{{name}}","nome_fantasia":"TESTE","data_inicio_atividade":"2010-05-20",
         "cnae_fiscal":6920601,"cnae_fiscal_descricao":"Atividades de contabilidade","descricao_tipo_de_logradouro":"RUA",
         "logradouro":"DAS FLORES","numero":"100","complemento":"SALA 2","bairro":"CENTRO","municipio":"FLORIANOPOLIS","uf":"SC",
         "cep":"88010000","ddd_telefone_1":"4833334444","email":"CONTATO@TESTE.COM.BR","descricao_situacao_cadastral":"ATIVA",
         "opcao_pelo_simples":true,"opcao_pelo_mei":false,
         "qsa":[{"nome_socio":"MARIA ADMIN","qualificacao_socio":"Sócio-Administrador"},{"nome_socio":"JOSE COTISTA","qualificacao_socio":"Sócio"}]}
        """;

    private static string ReceitaWsJson(string cnpj, string situacao = "ATIVA") => $$$"""
        {"status":"OK","cnpj":"{{{cnpj[..2]}}}.{{{cnpj[2..5]}}}.{{{cnpj[5..8]}}}/{{{cnpj[8..12]}}}-{{{cnpj[12..]}}}","nome":"EMPRESA RECEITAWS LTDA",
         "fantasia":"RWS","abertura":"01/02/2003","atividade_principal":[{"code":"69.20-6-01","text":"Contabilidade"}],
         "logradouro":"AV BRASIL","numero":"5","bairro":"CENTRO","municipio":"SAO JOSE","uf":"SC","cep":"88.100-000",
         "telefone":"(48) 3222-1111","email":"rws@teste.com.br","situacao":"{{{situacao}}}","qsa":[{"nome":"ANA SOCIA","qual":"49-Sócio-Administrador"}],
         "simples":{"optante":false},"simei":{"optante":true}}
        """;

    private void BrasilApiAnswers(string cnpj, IResponseBuilder response) =>
        fx.BrasilApi.Given(Request.Create().WithPath($"/api/cnpj/v1/{cnpj}").UsingGet()).RespondWith(response);

    private void ReceitaWsAnswers(string cnpj, IResponseBuilder response) =>
        fx.ReceitaWs.Given(Request.Create().WithPath($"/v1/cnpj/{cnpj}").UsingGet()).RespondWith(response);

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private static int Hits(WireMockServer server, string document) =>
        server.LogEntries.Count(e => e.RequestMessage.Path.EndsWith("/" + document, StringComparison.Ordinal));

    private async Task<TestClient> GestorAsync() => await fx.Users.LoginAsync(await fx.Users.CreateAsync(roles: ["Gestor"]));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> LookupAsync(TestClient client, string doc)
    {
        var response = await client.GetAsync("/clientes/consulta-documento/" + Uri.EscapeDataString(doc));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private void AssertAcessoriasOnlyRead() =>
        Assert.All(fx.Acessorias.LogEntries, e =>
        {
            Assert.Equal("GET", e.RequestMessage.Method);
            Assert.Equal("Bearer " + LookupFixture.AcessoriasToken, e.RequestMessage.Headers!["Authorization"].Single());
        });

    [Fact]
    public async Task BrasilAPI_answer_fills_the_prefill_with_Acessorias_code_and_is_cached()
    {
        var cnpj = ClientTestData.Cnpj();
        BrasilApiAnswers(cnpj, Json(BrasilApiJson(cnpj)));
        fx.Acessorias.Given(Request.Create().WithPath($"/companies/{cnpj}").UsingGet())
            .RespondWith(Json("""{"Identificador":"4321","Regime":"Lucro Presumido"}"""));
        using var client = await GestorAsync();

        var (status, body) = await LookupAsync(client, cnpj[..2] + "." + cnpj[2..5] + "." + cnpj[5..8] + "/" + cnpj[8..12] + "-" + cnpj[12..]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("EMPRESA TESTE LTDA", body.GetProperty("name").GetString());
        Assert.Equal("2010-05-20", body.GetProperty("openingDate").GetString());
        Assert.Equal("6920-6/01", body.GetProperty("mainActivityCode").GetString());
        Assert.Equal("RUA DAS FLORES", body.GetProperty("street").GetString());
        Assert.Equal("88010000", body.GetProperty("postalCode").GetString());
        Assert.Equal("4833334444", body.GetProperty("phone").GetString());
        Assert.Equal("contato@teste.com.br", body.GetProperty("email").GetString());
        Assert.Equal("ATIVA", body.GetProperty("registrationStatus").GetString());
        Assert.Equal("4321", body.GetProperty("code").GetString());
        Assert.Equal("LucroPresumido", body.GetProperty("taxRegime").GetString());
        Assert.Equal(["BrasilAPI", "Acessórias"], body.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        var partners = body.GetProperty("partners").EnumerateArray().ToList();
        Assert.True(partners[0].GetProperty("isAdministrator").GetBoolean());
        Assert.False(partners[1].GetProperty("isAdministrator").GetBoolean());

        var (again, _) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(1, Hits(fx.BrasilApi, cnpj));
        Assert.Equal(0, Hits(fx.ReceitaWs, cnpj));
        AssertAcessoriasOnlyRead();
    }

    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("malformed")]
    [InlineData("timeout")]
    public async Task CLI09_CLI25_BrasilAPI_failure_falls_back_to_ReceitaWS(string failure)
    {
        var cnpj = ClientTestData.Cnpj();
        BrasilApiAnswers(cnpj, failure switch
        {
            "500" => Json("""{"message":"erro"}""", 500),
            "429" => Json("""{"message":"limite"}""", 429),
            "malformed" => Json("""{"cnpj": "123", "razao_social": """),
            _ => Json(BrasilApiJson(cnpj)).WithDelay(TimeSpan.FromSeconds(10)),
        });
        ReceitaWsAnswers(cnpj, Json(ReceitaWsJson(cnpj, "BAIXADA")));
        using var client = await GestorAsync();

        var (status, body) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("EMPRESA RECEITAWS LTDA", body.GetProperty("name").GetString());
        Assert.Equal("2003-02-01", body.GetProperty("openingDate").GetString());
        Assert.Equal("6920-6/01", body.GetProperty("mainActivityCode").GetString());
        Assert.Equal("MEI", body.GetProperty("taxRegime").GetString());
        Assert.Equal("BAIXADA", body.GetProperty("registrationStatus").GetString());
        Assert.Equal("Sócio-Administrador", body.GetProperty("partners")[0].GetProperty("qualification").GetString());
        Assert.Equal("ReceitaWS", body.GetProperty("sources")[0].GetString());
        Assert.Equal(1, Hits(fx.ReceitaWs, cnpj));
        // One retry of the idempotent GET after a 5xx; never after 429 or an unreadable answer.
        Assert.Equal(failure == "500" ? 2 : failure == "timeout" ? Hits(fx.BrasilApi, cnpj) : 1, Hits(fx.BrasilApi, cnpj));
        AssertAcessoriasOnlyRead();
    }

    [Fact]
    public async Task CLI25_BrasilAPI_404_is_not_found_without_calling_ReceitaWS()
    {
        var cnpj = ClientTestData.Cnpj();
        BrasilApiAnswers(cnpj, Json("""{"message":"CNPJ 404"}""", 404));
        ReceitaWsAnswers(cnpj, Json(ReceitaWsJson(cnpj)));
        using var client = await GestorAsync();
        var (status, body) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("CNPJ não encontrado na Receita.", body.GetProperty("message").GetString());
        Assert.Equal(0, Hits(fx.ReceitaWs, cnpj));

        var other = ClientTestData.Cnpj();
        BrasilApiAnswers(other, Json("{}", 502));
        ReceitaWsAnswers(other, Json("""{"status":"ERROR","message":"CNPJ inválido"}"""));
        (status, _) = await LookupAsync(client, other);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task CLI09_both_failing_is_503_not_cached_and_manual_entry_still_works()
    {
        var cnpj = ClientTestData.Cnpj();
        fx.BrasilApi.Given(Request.Create().WithPath($"/api/cnpj/v1/{cnpj}").UsingGet()).AtPriority(10).RespondWith(Json("{}", 503));
        ReceitaWsAnswers(cnpj, Json("<html>erro</html>", 200));
        using var client = await GestorAsync();
        var (status, body) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Consulta indisponível no momento. Preencha os dados manualmente.", body.GetProperty("message").GetString());

        fx.BrasilApi.Given(Request.Create().WithPath($"/api/cnpj/v1/{cnpj}").UsingGet()).AtPriority(1).RespondWith(Json(BrasilApiJson(cnpj)));
        (status, _) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.OK, status);

        var input = ClientTestData.Input(document: ClientTestData.Cnpj());
        var created = await client.PostFormAsync("/clientes/novo", null, ClientTestData.Form(input).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
    }

    [Fact]
    public async Task Invalid_documents_CPF_through_Acessorias_and_the_API_endpoint()
    {
        using var client = await GestorAsync();
        var (status, body) = await LookupAsync(client, "11.222.333/0001-82");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("CNPJ inválido.", body.GetProperty("message").GetString());
        (status, body) = await LookupAsync(client, "529.982.247-24");
        Assert.Equal("CPF inválido.", body.GetProperty("message").GetString());

        var cpf = ClientTestData.Cpf();
        fx.Acessorias.Given(Request.Create().WithPath($"/companies/{cpf}").UsingGet()).RespondWith(Json("""[{"codigo":"777"}]"""));
        (status, body) = await LookupAsync(client, cpf);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("777", body.GetProperty("code").GetString());
        var unknownCpf = ClientTestData.Cpf();
        fx.Acessorias.Given(Request.Create().WithPath($"/companies/{unknownCpf}").UsingGet()).RespondWith(Json("{}", 404));
        (status, _) = await LookupAsync(client, unknownCpf);
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertAcessoriasOnlyRead();

        var user = await fx.Users.CreateAsync(roles: ["Gestor"]);
        using var api = new ApiClient(fx.App);
        await api.LoginAsync(user.Email, user.Password);
        var cnpj = ClientTestData.Cnpj();
        BrasilApiAnswers(cnpj, Json(BrasilApiJson(cnpj, "VIA API LTDA")));
        var ok = await api.GetAsync("/api/v1/lookups/document/" + cnpj);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("VIA API LTDA", (await ApiClient.ReadJsonAsync(ok)).GetProperty("name").GetString());
        var invalid = await ApiClient.AssertErrorAsync(await api.GetAsync("/api/v1/lookups/document/11222333000182"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["CNPJ inválido."], invalid.Fields!["document"]);
    }

    [Fact]
    public async Task Eleven_lookups_in_a_minute_answer_429()
    {
        using var client = await GestorAsync();
        var cnpj = ClientTestData.Cnpj();
        BrasilApiAnswers(cnpj, Json(BrasilApiJson(cnpj)));
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await LookupAsync(client, cnpj)).Status);
        var refused = await client.GetAsync("/clientes/consulta-documento/" + cnpj);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task CLI11_CLI25_disabled_lookup_answers_503_without_outbound_calls_until_enabled()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, fx.Settings(enabled: false));
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var client = await users.LoginAsync(await users.CreateAsync(roles: ["Gestor"]));
        var cnpj = ClientTestData.Cnpj();
        BrasilApiAnswers(cnpj, Json(BrasilApiJson(cnpj)));

        var (status, body) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Consulta indisponível no momento. Preencha os dados manualmente.", body.GetProperty("message").GetString());
        Assert.Equal(0, Hits(fx.BrasilApi, cnpj) + Hits(fx.ReceitaWs, cnpj));

        // "Consulta de CNPJ" switched on in the settings (no restart).
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            db.SystemSettings.Add(new SystemSetting { Key = Portal.Features.Clients.Lookup.CompanyLookupOptions.SettingKey, Value = "true", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            sp.GetRequiredService<SettingsService>().Invalidate();
        });
        (status, _) = await LookupAsync(client, cnpj);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Hits(fx.BrasilApi, cnpj));
    }

    [Fact]
    public async Task CLI20_deleting_a_client_with_linked_records_is_refused()
    {
        var created = await ClientTestData.CreateAsync(fx.App);
        LookupFixture.FakeDependents.Linked[created.Id] = true;
        using var admin = await fx.Users.LoginAsync(fx.Users.Administrator);
        var response = await admin.PostFormAsync($"/clientes/{created.Id}", $"/clientes/{created.Id}?handler=Delete", []);
        Assert.Equal($"/clientes/{created.Id}", response.Headers.Location!.OriginalString);
        var (_, doc) = await admin.GetPageAsync($"/clientes/{created.Id}");
        Assert.Contains("Cliente possui registros vinculados; desative-o.", doc.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(await ClientTestData.LoadAsync(fx.App, created.Id));

        using var api = new ApiClient(fx.App);
        await api.LoginAsync(fx.Users.Administrator.Email, fx.Users.Administrator.Password);
        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/clients/{created.Id}", "\"1\""), HttpStatusCode.Conflict, "has_dependents");

        LookupFixture.FakeDependents.Linked.TryRemove(created.Id, out _);
        var deleted = await admin.PostFormAsync($"/clientes/{created.Id}", $"/clientes/{created.Id}?handler=Delete", []);
        Assert.Equal("/clientes", deleted.Headers.Location!.OriginalString);
        Assert.Null(await ClientTestData.LoadAsync(fx.App, created.Id));
    }
}
