using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>A signed-in API caller of the task tests.</summary>
public sealed record Caller(TestUser User, ApiClient Api)
{
    public long Id => User.Id;
}

/// <summary>
/// Shared set-up of the /api/v1/tasks tests: unique sectors and roles (the shared app runs tests in parallel), users
/// signed in through the API, and a send helper that turns an unexpected 500 into a failure carrying the server log.
/// </summary>
public abstract class TasksApiTest(SharedPortal portal) : IntegrationTest(portal), IDisposable
{
    protected const string Tasks = "/api/v1/tasks";
    private readonly List<ApiClient> _clients = [];

    protected Task<NamedId> SectorAsync() => AccessTestData.SectorAsync(App, name: AccessTestData.Unique("Setor Tarefas"));

    /// <summary>A user holding tasks.access plus <paramref name="permissions"/>, member of <paramref name="sectors"/>.</summary>
    protected Task<Caller> CallerAsync(NamedId[] sectors, params string[] permissions) => CallerWithAsync(sectors, ["tasks.access", .. permissions]);

    protected Task<Caller> CallerAsync(NamedId sector, params string[] permissions) => CallerAsync([sector], permissions);

    /// <summary>A user holding exactly <paramref name="permissions"/> (no tasks.access unless listed).</summary>
    protected async Task<Caller> CallerWithAsync(NamedId[] sectors, string[] permissions)
    {
        var role = await AccessTestData.RoleAsync(App, permissions);
        var user = await Users.CreateAsync(roles: [role.Name], sectors: sectors.Select(s => s.Name).ToArray());
        return await SignInAsync(user);
    }

    protected async Task<Caller> SignInAsync(TestUser user)
    {
        var api = new ApiClient(App);
        _clients.Add(api);
        await api.LoginAsync(user.Email, user.Password);
        return new Caller(user, api);
    }

    /// <summary>
    /// Sends with the caller's token. <paramref name="body"/>: null (no body), a string (sent as-is as JSON), an
    /// <see cref="HttpContent"/>, or an object serialized as JSON.
    /// </summary>
    protected async Task<HttpResponseMessage> SendAsync(Caller caller, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        HttpContent? content = body switch
        {
            null => null,
            string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
            HttpContent c => c,
            _ => JsonContent.Create(body, options: ApiClient.Json),
        };
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", caller.Api.Token);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await caller.Api.Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            var log = App.ReadLogs();
            throw new InvalidOperationException($"{method} {path} → 500\n{log[Math.Max(0, log.Length - 6000)..]}");
        }
        return response;
    }

    protected Task<HttpResponseMessage> GetAsync(Caller caller, string path) => SendAsync(caller, HttpMethod.Get, path);

    protected Task<HttpResponseMessage> PostAsync(Caller caller, string path, object? body = null) => SendAsync(caller, HttpMethod.Post, path, body);

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a task through the API (201) and returns its body. <paramref name="extra"/> adds or overrides fields.</summary>
    protected async Task<JsonElement> CreateTaskAsync(Caller caller, NamedId? sector, string title, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["title"] = title };
        if (sector is not null) body["sectorId"] = sector.Id;
        if (extra is not null)
            foreach (var property in JsonSerializer.SerializeToElement(extra, ApiClient.Json).EnumerateObject())
                body[property.Name] = property.Value;
        return await JsonAsync(await PostAsync(caller, Tasks, body), HttpStatusCode.Created);
    }

    protected Task<JsonElement> CreatePrivateTaskAsync(Caller caller, string title) => CreateTaskAsync(caller, null, title, new { isPrivate = true });

    /// <summary>Moves a task to <paramref name="status"/> through the API, expecting 200.</summary>
    protected async Task<JsonElement> MoveAsync(Caller caller, long id, string status) =>
        await JsonAsync(await PostAsync(caller, $"{Tasks}/{id}/status", new { status }));

    protected static string ETagOf(JsonElement task) => $"\"{task.GetProperty("version").GetInt32()}\"";

    protected static async Task<ApiErrorBody> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code) =>
        await ApiClient.AssertErrorAsync(response, status, code);

    protected static string Token() => Guid.NewGuid().ToString("N")[..10];

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        GC.SuppressFinalize(this);
    }
}
