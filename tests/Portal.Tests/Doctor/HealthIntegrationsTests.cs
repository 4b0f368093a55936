using System.Net;
using Portal.Features.Clients.Lookup;
using Portal.Platform.Data;
using Portal.Tests.Clients;
using Portal.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Portal.Tests.Doctor;

/// <summary>
/// "Integrações" on /admin/saude (operations.md §6.2): configured or not, last success and last failure of the real
/// calls (BrasilAPI down, ReceitaWS answering, Acessórias reached through WireMock fakes), and never a secret.
/// </summary>
public abstract class HealthIntegrationsTests(DatabaseKind provider) : IAsyncLifetime
{
    private const string Token = "token-secreto-acessorias-123";
    private readonly WireMockServer _brasilApi = WireMockServer.Start();
    private readonly WireMockServer _receitaWs = WireMockServer.Start();
    private readonly WireMockServer _acessorias = WireMockServer.Start();
    private PortalApp _app = null!;
    private TestUsers _users = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false",
            ["Clients:Lookup:Enabled"] = "true",
            ["Clients:Lookup:BrasilApiUrl"] = _brasilApi.Url + "/api/cnpj/v1/{cnpj}",
            ["Clients:Lookup:ReceitaWsUrl"] = _receitaWs.Url + "/v1/cnpj/{cnpj}",
            ["Clients:Lookup:RetryDelayMilliseconds"] = "10",
            ["Clients:Lookup:AcessoriasBaseUrl"] = _acessorias.Url,
            ["Clients:Lookup:AcessoriasToken"] = Token,
        });
        _users = new TestUsers(_app);
        await _users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _brasilApi.Stop();
        _receitaWs.Stop();
        _acessorias.Stop();
    }

    private static string Row(string html, string key)
    {
        var start = html.IndexOf($"data-integration=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"linha da integração {key} ausente");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Health_page_lists_integrations_with_their_last_outcomes_and_no_secret()
    {
        using var admin = await _users.LoginAsync(_users.Administrator);
        var before = await admin.Http.GetStringAsync("/admin/saude");
        Assert.Contains("Integrações", before);
        Assert.Contains("data-configured=\"true\"", Row(before, "brasilapi"));
        Assert.Contains("data-configured=\"false\"", Row(before, "smtp"));
        Assert.Contains("Não configurada", Row(before, "google"));
        Assert.Contains("data-configured=\"true\"", Row(before, "acessorias"));

        // BrasilAPI fails, ReceitaWS answers, Acessórias is reached (404: the firm has no such client — an answer).
        _brasilApi.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        _receitaWs.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody("""{"status":"OK","cnpj":"11.222.333/0001-81","nome":"EMPRESA RWS LTDA","situacao":"ATIVA"}"""));
        _acessorias.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        await admin.GetAsync("/clientes/consulta-documento/" + Uri.EscapeDataString("11.222.333/0001-81"));

        var after = await admin.Http.GetStringAsync("/admin/saude");
        var brasil = Row(after, "brasilapi");
        Assert.Contains("data-failing=\"true\"", brasil);
        Assert.Contains("HTTP 503", brasil);
        var receita = Row(after, "receitaws");
        Assert.Contains("data-failing=\"false\"", receita);
        Assert.DoesNotContain("<td class=\"text-nowrap small\" data-cell=\"success\">—", receita);
        Assert.Contains("data-failing=\"false\"", Row(after, "acessorias"));
        Assert.DoesNotContain(Token, after);
        Assert.DoesNotContain(_acessorias.Url!, after);
    }

    [Fact]
    public async Task Integrations_need_system_health()
    {
        var user = await _users.CreateAsync(roles: ["Gestor"]);
        using var client = await _users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/saude")).StatusCode);
    }
}

public sealed class HealthIntegrationsTestsSqlite() : HealthIntegrationsTests(DatabaseKind.Sqlite);

public sealed class HealthIntegrationsTestsMySql() : HealthIntegrationsTests(DatabaseKind.MySql);
