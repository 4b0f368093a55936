using System.Net;
using System.Security.Cryptography;
using System.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>api.md §3.3, the 401 table in its order (API-04, 05, 06, 19): header shape first, then the token itself.</summary>
public abstract class ApiTokenValidationTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Me = "/api/v1/me";
    private TokenForge Forge => new(App);

    private async Task<(ApiClient Api, string Token, TestUser User)> SignedInAsync()
    {
        var user = await Users.CreateAsync();
        var api = new ApiClient(App);
        return (api, await api.LoginAsync(user.Email, user.Password), user);
    }

    [Theory]
    [InlineData(Me)]
    [InlineData("/api/v1/me/sessions")]
    [InlineData("/api/v1/tasks")]
    [InlineData("/api/v1/nao-existe")]
    public async Task No_authorization_header_answers_missing_token(string path)
    {
        using var api = new ApiClient(App);
        var response = await api.GetAsync(path);
        await ApiClient.AssertUnauthorizedAsync(response, "missing_token", "No token");
        ApiClient.AssertNoStore(response);
    }

    [Theory]
    [InlineData("Token abc")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer a b")]
    [InlineData("Bearer  x")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearerx.y.z")]
    [InlineData("x")]
    public async Task A_header_that_is_not_bearer_and_one_token_answers_invalid_token_format(string authorization)
    {
        using var api = new ApiClient(App);
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, authorization),
            "invalid_token_format", "Invalid token format");
    }

    [Fact]
    public async Task A_valid_token_with_two_spaces_or_a_tab_is_still_a_format_error()
    {
        var (api, token, _) = await SignedInAsync();
        using var _api = api;
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, "Bearer  " + token), "invalid_token_format");
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, "Bearer\t" + token), "invalid_token_format");
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, "Bearer " + token + " extra"), "invalid_token_format");
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("bEaReR")]
    public async Task The_scheme_is_case_insensitive(string scheme)
    {
        var (api, token, user) = await SignedInAsync();
        using var _api = api;
        var response = await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, scheme + " " + token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_forged_token_with_exact_claims_and_the_portal_key_is_accepted()
    {
        // Control case: proves the forge reproduces genuine tokens, so each rejection below is about its one change.
        var (api, token, user) = await SignedInAsync();
        using var _api = api;
        Assert.Equal(32, Forge.PortalKey.Length); // a 256-bit HS256 secret (api.md §3.2)
        var forged = Forge.Sign(TokenForge.IssuedAgo(token, TimeSpan.FromMinutes(5)));
        var response = await api.GetAsync(Me, forged);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Tampered_foreign_unsigned_and_misaddressed_tokens_answer_token_expired_or_invalid()
    {
        var (api, token, _) = await SignedInAsync();
        using var _api = api;
        var admin = Users.Administrator;
        var cases = new Dictionary<string, string>
        {
            ["modified payload (sub → administrator)"] = TokenForge.WithPayload(token, With(TokenForge.ClaimsOf(token), "sub", admin.Id.ToString())),
            ["modified payload (exp + 1 year)"] = TokenForge.WithPayload(token, With(TokenForge.ClaimsOf(token), "exp", DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds())),
            ["signed with another key"] = Forge.Sign(TokenForge.ClaimsOf(token), RandomNumberGenerator.GetBytes(32)),
            ["alg none"] = TokenForge.AlgNone(TokenForge.ClaimsOf(token)),
            ["alg none, original signature kept"] = TokenForge.AlgNone(TokenForge.ClaimsOf(token)) + token.Split('.')[2],
            ["aud other"] = Forge.Sign(With(TokenForge.ClaimsOf(token), "aud", "other")),
            ["aud missing"] = Forge.Sign(Without(TokenForge.ClaimsOf(token), "aud")),
            ["iss other"] = Forge.Sign(With(TokenForge.ClaimsOf(token), "iss", "https://outro.example.com")),
            ["iss missing"] = Forge.Sign(Without(TokenForge.ClaimsOf(token), "iss")),
            ["typ refresh"] = Forge.Sign(With(TokenForge.ClaimsOf(token), "typ", "refresh")),
            ["typ missing"] = Forge.Sign(Without(TokenForge.ClaimsOf(token), "typ")),
            ["stm missing"] = Forge.Sign(Without(TokenForge.ClaimsOf(token), "stm")),
            ["exp missing"] = Forge.Sign(Without(TokenForge.ClaimsOf(token), "exp")),
            ["sub not a number"] = Forge.Sign(With(TokenForge.ClaimsOf(token), "sub", "admin")),
            ["jti missing"] = Forge.Sign(Without(TokenForge.ClaimsOf(token), "jti")),
            ["HS512 with the portal key (algorithm not allowed)"] = Forge.Sign(TokenForge.ClaimsOf(token), alg: "HS512"),
            ["expired 24 h + 31 s ago"] = Forge.Sign(TokenForge.IssuedAgo(token, TimeSpan.FromSeconds(86400 + 31))),
            ["expired 2 days ago"] = Forge.Sign(TokenForge.IssuedAgo(token, TimeSpan.FromDays(3))),
            ["only two segments"] = string.Join('.', token.Split('.').Take(2)),
            ["garbage"] = "abc.def.ghi",
        };
        foreach (var (name, forged) in cases)
        {
            var response = await api.GetAsync(Me, forged);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
            var error = await ApiClient.AssertUnauthorizedAsync(response, "token_expired_or_invalid", "Token expired/invalid");
            Assert.True(error.Error == "token_expired_or_invalid", name);
        }
        // The genuine token still works: nothing above was rejected for an unrelated reason.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me, token)).StatusCode);
    }

    [Fact]
    public async Task Expiry_allows_a_clock_skew_of_30_seconds()
    {
        var (api, token, _) = await SignedInAsync();
        using var _api = api;
        var within = Forge.Sign(TokenForge.IssuedAgo(token, TimeSpan.FromSeconds(86400 + 29)));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me, within)).StatusCode);
        var beyond = Forge.Sign(TokenForge.IssuedAgo(token, TimeSpan.FromSeconds(86400 + 31)));
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, beyond), "token_expired_or_invalid");
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_rejected_beyond_the_skew()
    {
        var (api, token, _) = await SignedInAsync();
        using var _api = api;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var future = TokenForge.ClaimsOf(token);
        future["iat"] = now;
        future["nbf"] = now + 300;
        future["exp"] = now + 86400;
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, Forge.Sign(future)), "token_expired_or_invalid");

        var slightlyAhead = TokenForge.ClaimsOf(token);
        slightlyAhead["nbf"] = now + 10; // another server's clock a little ahead: within the 30 s skew
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me, Forge.Sign(slightlyAhead))).StatusCode);
    }

    [Fact]
    public async Task Rsa_tokens_and_hs256_signed_with_an_rsa_public_key_are_rejected()
    {
        var (api, token, _) = await SignedInAsync();
        using var _api = api;
        using var rsa = RSA.Create(2048);
        // HS/RS confusion: a verifier that treats "the key" as bytes would accept an HMAC over the public key PEM.
        foreach (var publicKey in new[] { rsa.ExportSubjectPublicKeyInfoPem(), rsa.ExportRSAPublicKeyPem() })
        {
            var confused = Forge.Sign(TokenForge.ClaimsOf(token), Encoding.ASCII.GetBytes(publicKey));
            await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, confused), "token_expired_or_invalid");
        }
        var rs256 = TokenForge.SignRs256(TokenForge.ClaimsOf(token), rsa);
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, rs256), "token_expired_or_invalid");
    }

    [Fact]
    public async Task A_10_kB_garbage_authorization_value_answers_401_never_400_or_500()
    {
        using var api = new ApiClient(App);
        var garbage = new string(Enumerable.Range(0, 10 * 1024).Select(i => (char)('!' + (i * 7919 % 94))).ToArray());
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, garbage), "invalid_token_format");
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, "Bearer " + garbage), "token_expired_or_invalid");
        var dotted = string.Join('.', garbage[..3000], garbage[3000..6000], garbage[6000..]).Replace(" ", "", StringComparison.Ordinal);
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, "Bearer " + dotted), "token_expired_or_invalid");
        var base64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(7 * 1024));
        await ApiClient.AssertUnauthorizedAsync(await api.SendWithAuthorizationAsync(HttpMethod.Get, Me, "Bearer " + base64), "token_expired_or_invalid");
    }

    [Fact]
    public async Task Non_ascii_authorization_values_are_classified_like_any_other_never_400_or_500()
    {
        using var api = new ApiClient(App);
        var cases = new (string Name, byte[] Value, string Code)[]
        {
            ("utf-8 token", Encoding.UTF8.GetBytes("Bearer tökén-çãé"), "token_expired_or_invalid"),
            ("latin-1 bytes", [.. "Bearer "u8, 0xE9, 0xFF, 0x80, 0xA0, 0x41], "token_expired_or_invalid"),
            ("invalid utf-8", [.. "Bearer abc"u8, 0xC3, 0x28, 0xF0, 0x9F], "token_expired_or_invalid"),
            ("utf-8 scheme", Encoding.UTF8.GetBytes("Bëarer abc"), "invalid_token_format"),
            ("non-ascii only", Encoding.UTF8.GetBytes("ção"), "invalid_token_format"),
            ("no-break space separator", [.. "Bearer"u8, 0xC2, 0xA0, .. "abc"u8], "invalid_token_format"),
        };
        foreach (var (name, value, code) in cases)
        {
            var (status, body) = await api.SendRawAsync("GET", Me, value);
            Assert.True(status == 401, $"{name}: {status} {body}");
            Assert.True(ApiClient.ParseError(body).Error == code, $"{name}: {body}");
        }
    }

    private static System.Text.Json.Nodes.JsonObject With(System.Text.Json.Nodes.JsonObject claims, string name, System.Text.Json.Nodes.JsonNode value)
    {
        claims[name] = value;
        return claims;
    }

    private static System.Text.Json.Nodes.JsonObject Without(System.Text.Json.Nodes.JsonObject claims, string name)
    {
        claims.Remove(name);
        return claims;
    }
}

[Collection(SqliteCollection.Name)] public sealed class ApiTokenValidationTestsSqlite(SqlitePortal portal) : ApiTokenValidationTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ApiTokenValidationTestsMySql(MySqlPortal portal) : ApiTokenValidationTests(portal);
