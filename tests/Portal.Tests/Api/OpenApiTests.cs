using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>
/// The OpenAPI document of api.md §2 "Documentation": API-17 (a valid OpenAPI 3.1 document listing every implemented
/// route) and the route-completeness half of API-16 (every mapped /api/v1 route is documented, with its security).
/// </summary>
public abstract partial class OpenApiTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_1()
    {
        var json = await DocumentWithTokenAsync();
        using (var raw = JsonDocument.Parse(json))
            Assert.StartsWith("3.1", raw.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json");
        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        Assert.Equal("Portal — API v1", document.Info.Title);
        Assert.Contains("Autenticação", document.Info.Description, StringComparison.Ordinal);
        var bearer = document.Components!.SecuritySchemes!["Bearer"];
        Assert.Equal(SecuritySchemeType.Http, bearer.Type);
        Assert.Equal("bearer", bearer.Scheme);
        Assert.Equal("JWT", bearer.BearerFormat);
        Assert.True(document.Components.Schemas!.ContainsKey("ApiError"));
    }

    [Fact]
    public async Task Every_mapped_api_v1_route_is_documented_and_only_login_is_without_bearer()
    {
        using var raw = JsonDocument.Parse(await DocumentWithTokenAsync());
        var paths = raw.RootElement.GetProperty("paths");
        var routes = MappedRoutes();
        Assert.Contains(("POST", "/api/v1/auth/login"), routes);
        Assert.Contains(("GET", "/api/v1/me"), routes);
        Assert.Contains(("GET", "/api/v1/openapi.json"), routes);

        var missing = new List<string>();
        foreach (var (method, path) in routes)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                missing.Add($"{method} {path}");
                continue;
            }
            var secured = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));
            if (method == "POST" && path == "/api/v1/auth/login") Assert.False(secured, "login must not require a token");
            else Assert.True(secured, $"{method} {path} has no Bearer requirement");
        }
        Assert.True(missing.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", missing));

        // Nothing outside /api/v1 leaks into the document (pages, health, the docs page itself).
        Assert.All(paths.EnumerateObject(), p => Assert.StartsWith("/api/v1/", p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auth_and_me_operations_describe_their_bodies_and_errors()
    {
        using var raw = JsonDocument.Parse(await DocumentWithTokenAsync());
        var paths = raw.RootElement.GetProperty("paths");
        string Schema(JsonElement response) =>
            response.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        JsonElement Responses(string path, string method) => paths.GetProperty(path).GetProperty(method).GetProperty("responses");

        var login = paths.GetProperty("/api/v1/auth/login").GetProperty("post");
        Assert.Equal("#/components/schemas/LoginRequest",
            login.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var loginResponses = login.GetProperty("responses");
        Assert.Equal("#/components/schemas/TokenResponse", Schema(loginResponses.GetProperty("200")));
        foreach (var status in new[] { "400", "401", "415", "429" })
            Assert.Equal("#/components/schemas/ApiError", Schema(loginResponses.GetProperty(status)));
        Assert.Contains("invalid_credentials", loginResponses.GetProperty("401").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("account_locked", loginResponses.GetProperty("401").GetProperty("description").GetString(), StringComparison.Ordinal);

        Assert.Equal("#/components/schemas/TokenResponse", Schema(Responses("/api/v1/auth/refresh", "post").GetProperty("200")));
        Assert.True(Responses("/api/v1/auth/logout", "post").TryGetProperty("204", out _));
        var me = Responses("/api/v1/me", "get");
        Assert.Equal("#/components/schemas/MeResponse", Schema(me.GetProperty("200")));
        // The bearer 401 keeps the document's description listing the codes of api.md §3.3.
        Assert.Contains("user_not_found_or_inactive", me.GetProperty("401").GetProperty("description").GetString(), StringComparison.Ordinal);
        var sessions = Responses("/api/v1/me/sessions", "get").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("#/components/schemas/SessionResponse", sessions.GetProperty("items").GetProperty("$ref").GetString());
        var endSession = Responses("/api/v1/me/sessions/{id}", "delete");
        Assert.True(endSession.TryGetProperty("204", out _));
        Assert.Equal("#/components/schemas/ApiError", Schema(endSession.GetProperty("404")));

        var schemas = raw.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["id", "email", "username", "fullName", "sectors", "roles", "permissions"],
            schemas.GetProperty("MeResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["token", "token_type", "expires_in", "user"],
            schemas.GetProperty("TokenResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task The_docs_copy_for_signed_in_users_is_the_same_document()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var response = await client.GetAsync("/api/docs/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var viaCookie = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var viaToken = JsonDocument.Parse(await DocumentWithTokenAsync());
        Assert.Equal(
            viaToken.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(),
            viaCookie.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order());

        var page = await client.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // Strict CSP: no inline script, the library from this server, the nonce only for the style Scalar injects.
        var doc = TestClient.Parse(html);
        Assert.All(doc.Scripts, s => Assert.True(s.Source is { Length: > 0 } || s.Type == "application/json", s.OuterHtml));
        Assert.All(doc.Scripts.Where(s => s.Source is { Length: > 0 }), s => Assert.Matches("^/[^/]", s.Source!)); // this server only
        var nonce = doc.QuerySelector("meta[property=csp-nonce]")!.GetAttribute("content");
        Assert.Contains($"'nonce-{nonce}'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("/api/docs/openapi.json", doc.QuerySelector("#api-reference")!.GetAttribute("data-url"));

        var script = await client.GetAsync(doc.Scripts.Single(s => s.Source?.StartsWith("/api/docs/scalar.js", StringComparison.Ordinal) == true).Source!);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.StartsWith("text/javascript", script.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("createApiReference", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Every (method, route) mapped under /api/v1, with route constraints dropped as OpenAPI writes them.</summary>
    private List<(string Method, string Path)> MappedRoutes() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: Normalise("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Where(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.Path)))
            .Distinct()
            .ToList();

    private static string Normalise(string route) => RouteParameter().Replace(route, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{\*{0,2}(\w+)(?::[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();

    private async Task<string> DocumentWithTokenAsync()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = App.NewClient();
        var login = await client.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/openapi.json");
        request.Headers.Authorization = new("Bearer", token);
        var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}\n{App.ReadLogs()}");
        return body;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OpenApiTestsSqlite(SqlitePortal portal) : OpenApiTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class OpenApiTestsMySql(MySqlPortal portal) : OpenApiTests(portal);
