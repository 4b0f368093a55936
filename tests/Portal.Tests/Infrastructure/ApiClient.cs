using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Infrastructure;

/// <summary>The JSON error shape of api.md §2.</summary>
public sealed record ApiErrorBody(string Error, string Message, int Status, string? RequestId,
    Dictionary<string, string[]>? Fields, JsonElement? Current);

/// <summary>
/// A script-like API client: no cookies, its own client IP (like <see cref="TestClient"/>), and a bearer token that
/// every call sends unless told otherwise.
/// </summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly PortalApp _app;

    public ApiClient(PortalApp app, string? ip = null)
    {
        _app = app;
        Ip = ip ?? $"10.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 254)}";
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        Http.DefaultRequestHeaders.Add("X-Forwarded-For", Ip);
        Http.DefaultRequestHeaders.UserAgent.ParseAdd("PortalApiTests/1.0");
    }

    public string Ip { get; }
    public HttpClient Http { get; }

    /// <summary>Sent as <c>Bearer {Token}</c> by the helpers below; null sends no Authorization header.</summary>
    public string? Token { get; set; }

    public Task<HttpResponseMessage> LoginRawAsync(string? email, string? password) =>
        Http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>Logs in and keeps the token for the following calls.</summary>
    public async Task<string> LoginAsync(string email, string password)
    {
        var response = await LoginRawAsync(email, password);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"API login of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await ReadJsonAsync(response);
        Token = body.GetProperty("token").GetString()!;
        return Token;
    }

    /// <summary>
    /// A client signed in as <paramref name="user"/> through POST /api/v1/auth/login. Each client has its own IP, so the
    /// 10/min login limit per IP never interferes between tests.
    /// </summary>
    public static async Task<ApiClient> LoginAsync(PortalApp app, TestUser user)
    {
        var client = new ApiClient(app);
        try
        {
            await client.LoginAsync(user.Email, user.Password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, string? token = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body, options: Json), token);

    public Task<HttpResponseMessage> PatchAsync(string path, object body, string? ifMatch = null, string? token = null) =>
        SendAsync(HttpMethod.Patch, path, JsonContent.Create(body, options: Json), token, ifMatch);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? ifMatch = null, string? token = null) =>
        SendAsync(HttpMethod.Delete, path, null, token, ifMatch);

    /// <summary>Sends with <c>Bearer {token ?? Token}</c>.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = null, string? ifMatch = null)
    {
        var bearer = token ?? Token;
        return SendWithAuthorizationAsync(method, path, bearer is null ? null : "Bearer " + bearer, content, ifMatch);
    }

    /// <summary>Sends an arbitrary (ASCII) Authorization value exactly as given, or none when null.</summary>
    public Task<HttpResponseMessage> SendWithAuthorizationAsync(HttpMethod method, string path, string? authorization, HttpContent? content = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (authorization is not null && !request.Headers.TryAddWithoutValidation("Authorization", authorization))
            throw new InvalidOperationException("Authorization header refused by HttpClient");
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return SendCheckedAsync(request);
    }

    /// <summary>A 500 is never an expected answer: fail with the end of the server's log, which says why.</summary>
    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            var log = _app.ReadLogs();
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} → 500\n{log[Math.Max(0, log.Length - 6000)..]}");
        }
        return response;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Reads the error body, failing with the raw text when it is not the API's error shape.</summary>
    public static async Task<ApiErrorBody> ReadErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"{(int)response.StatusCode} without a JSON body: {response.Content.Headers.ContentType} {text}");
        return ParseError(text);
    }

    public static ApiErrorBody ParseError(string text)
    {
        var body = JsonSerializer.Deserialize<ApiErrorBody>(text, Json);
        Assert.True(body is { Error.Length: > 0, Message.Length: > 0 }, "not an API error: " + text);
        return body!;
    }

    /// <summary>Asserts the status, the error code and (optionally) the message; returns the body.</summary>
    public static async Task<ApiErrorBody> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? message = null)
    {
        var body = await ReadErrorAsync(response);
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode} {body.Error}: {body.Message}");
        Assert.Equal(code, body.Error);
        Assert.Equal((int)status, body.Status);
        if (message is not null) Assert.Equal(message, body.Message);
        Assert.False(string.IsNullOrEmpty(body.RequestId));
        AssertNoStore(response);
        return body;
    }

    /// <summary>API JSON must never be stored by browsers or proxies (it carries tokens and personal data).</summary>
    public static void AssertNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true,
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri?.AbsolutePath}: Cache-Control '{response.Headers.CacheControl}'");

    /// <summary>A 401 of api.md §3.3: the code, and the <c>WWW-Authenticate: Bearer</c> challenge.</summary>
    public static async Task<ApiErrorBody> AssertUnauthorizedAsync(HttpResponseMessage response, string code, string? message = null)
    {
        var body = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, code, message);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        return body;
    }

    /// <summary>
    /// One HTTP/1.1 request written byte by byte over a socket, for header values HttpClient refuses to send
    /// (non-ASCII bytes). Returns the status code and the (de-chunked) body.
    /// </summary>
    public async Task<(int Status, string Body)> SendRawAsync(string method, string path, byte[] authorizationValue)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_app.BaseAddress.Host, _app.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var head = Encoding.ASCII.GetBytes(
            $"{method} {path} HTTP/1.1\r\nHost: {_app.BaseAddress.Authority}\r\nX-Forwarded-For: {Ip}\r\nConnection: close\r\nAuthorization: ");
        await stream.WriteAsync(head);
        await stream.WriteAsync(authorizationValue);
        await stream.WriteAsync("\r\n\r\n"u8.ToArray());
        using var buffer = new MemoryStream();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(buffer, cts.Token);
        return ParseRawResponse(buffer.ToArray());
    }

    private static (int Status, string Body) ParseRawResponse(byte[] raw)
    {
        var text = Encoding.Latin1.GetString(raw);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "no HTTP response: " + text);
        var headers = text[..split];
        var body = text[(split + 4)..];
        var status = int.Parse(headers.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        if (headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            var position = 0;
            while (position < body.Length)
            {
                var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[position..lineEnd].Split(';')[0], 16);
                if (size == 0) break;
                decoded.Append(body, lineEnd + 2, size);
                position = lineEnd + 2 + size + 2;
            }
            body = decoded.ToString();
        }
        return (status, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)));
    }

    public void Dispose() => Http.Dispose();
}
