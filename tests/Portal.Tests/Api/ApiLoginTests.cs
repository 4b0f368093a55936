using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Portal.Platform.Audit;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>api.md §3.1: POST /api/v1/auth/login (API-01, 02, 03, 11) and its audit entries.</summary>
public abstract class ApiLoginTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Valid_credentials_return_a_24_hour_bearer_token_and_the_user()
    {
        var user = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]);
        using var api = new ApiClient(App);
        // E-mail in another letter case: the same rule as the web login.
        var response = await api.LoginRawAsync(user.Email.ToUpperInvariant(), user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ApiClient.AssertNoStore(response);
        var body = await ApiClient.ReadJsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(86400, body.GetProperty("expires_in").GetInt32());
        var me = body.GetProperty("user");
        Assert.Equal(user.Id, me.GetProperty("id").GetInt64());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(user.Username, me.GetProperty("username").GetString());
        Assert.Equal(user.FullName, me.GetProperty("fullName").GetString());
        var sector = Assert.Single(me.GetProperty("sectors").EnumerateArray());
        Assert.Equal("Fiscal", sector.GetProperty("name").GetString());
        Assert.True(sector.GetProperty("id").GetInt64() > 0);
        var role = Assert.Single(me.GetProperty("roles").EnumerateArray());
        Assert.Equal("Gestor", role.GetProperty("name").GetString());
        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("clients.edit", permissions);   // from the role
        Assert.Contains("closing.files", permissions);  // from the sector
        Assert.DoesNotContain("users.admin", permissions);

        var token = body.GetProperty("token").GetString()!;
        var jwt = new JsonWebToken(token);
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(86400, jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat"));
        Assert.InRange(jwt.GetPayloadValue<long>("iat"), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.Equal(["portal-api"], jwt.Audiences);
        Assert.Equal("access", jwt.GetPayloadValue<string>("typ"));
        Assert.Equal(user.Id.ToString(), jwt.Subject);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.False(string.IsNullOrEmpty(jwt.Issuer));
        Assert.False(string.IsNullOrEmpty(jwt.GetPayloadValue<string>("stm")));
        // Permissions are never embedded in the token (api.md §3.2).
        Assert.DoesNotContain("clients.edit", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(jwt.EncodedPayload))));

        var meResponse = await api.GetAsync("/api/v1/me", token);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Equal(user.Id, (await ApiClient.ReadJsonAsync(meResponse)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Successful_and_failed_logins_are_audited_on_the_api_channel()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LoginRawAsync(user.Email, "uma senha errada qualquer")).StatusCode);
        var token = await api.LoginAsync(user.Email, user.Password);
        var jti = new JsonWebToken(token).Id;

        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ResourceType == "User" && a.ResourceId == user.Id.ToString() && a.Action.StartsWith("api_login")).ToListAsync());
        var failed = Assert.Single(entries, e => e.Action == "api_login_failed");
        Assert.Equal(AuditChannels.Api, failed.Channel);
        Assert.Equal(api.Ip, failed.Ip);
        var success = Assert.Single(entries, e => e.Action == "api_login");
        Assert.Equal(AuditChannels.Api, success.Channel);
        Assert.Equal(jti, success.TokenId);
        Assert.Equal(user.Id, success.ActorUserId);
        Assert.Equal(api.Ip, success.Ip);
        // API logins never create web sessions.
        Assert.False(await App.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == user.Id)));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_both_answer_invalid_credentials()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        var wrong = await api.LoginRawAsync(user.Email, "senha totalmente errada");
        var unknown = await api.LoginRawAsync("ninguem-" + user.Username + "@teste.local", user.Password);

        foreach (var response in new[] { wrong, unknown })
        {
            var error = await ApiClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials", "Invalid credentials");
            Assert.Null(error.Fields);
            ApiClient.AssertNoStore(response);
        }
        var unknownAudit = await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == "api_login_failed" && a.Channel == AuditChannels.Api && a.Summary!.Contains("ninguem-" + user.Username)));
        Assert.True(unknownAudit);
    }

    [Fact]
    public async Task Inactive_user_with_the_right_password_gets_account_disabled()
    {
        var user = await Users.CreateAsync(active: false);
        using var api = new ApiClient(App);
        await ApiClient.AssertErrorAsync(await api.LoginRawAsync(user.Email, user.Password), HttpStatusCode.Unauthorized, "account_disabled", "Account disabled");
        // A wrong password does not reveal that the account exists but is disabled.
        await ApiClient.AssertErrorAsync(await api.LoginRawAsync(user.Email, "senha totalmente errada"), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Users_without_a_password_cannot_log_in_over_the_api()
    {
        // Google-only accounts use personal tokens (api.md §3.1, §4), never an empty or guessed password.
        var user = await Users.CreateAsync(password: null);
        using var api = new ApiClient(App);
        await ApiClient.AssertErrorAsync(await api.LoginRawAsync(user.Email, "qualquer senha longa 123"), HttpStatusCode.Unauthorized, "invalid_credentials");
        await ApiClient.AssertErrorAsync(await api.Http.PostAsync("/api/v1/auth/login", Json($$"""{"email":"{{user.Email}}","password":""}""")),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Five_failures_lock_the_account_with_retry_after_even_for_the_right_password()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        for (var i = 0; i < 5; i++)
            await ApiClient.AssertErrorAsync(await api.LoginRawAsync(user.Email, "senha errada " + i), HttpStatusCode.Unauthorized, "invalid_credentials");

        var locked = await api.LoginRawAsync(user.Email, user.Password);
        await ApiClient.AssertErrorAsync(locked, HttpStatusCode.Unauthorized, "account_locked", "Account temporarily locked");
        var retryAfter = locked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 15 * 60);

        // After the lockout ends the right password works again.
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEndAt, DateTime.UtcNow.AddSeconds(-1))));
        Assert.Equal(HttpStatusCode.OK, (await api.LoginRawAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Missing_email_or_password_is_a_validation_error_with_fields()
    {
        using var api = new ApiClient(App);
        var both = await ApiClient.AssertErrorAsync(await api.Http.PostAsync("/api/v1/auth/login", Json("{}")), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Campo obrigatório."], both.Fields!["email"]);
        Assert.Equal(["Campo obrigatório."], both.Fields!["password"]);

        var noPassword = await ApiClient.AssertErrorAsync(await api.LoginRawAsync("alguem@teste.local", null), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["password"], noPassword.Fields!.Keys);
        var blankEmail = await ApiClient.AssertErrorAsync(await api.LoginRawAsync("   ", "x"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["email"], blankEmail.Fields!.Keys);

        // Unknown fields are ignored (api.md §2): still just the missing ones.
        var extra = await ApiClient.AssertErrorAsync(await api.Http.PostAsync("/api/v1/auth/login", Json("""{"email":"a@b.c","username":"x"}""")),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["password"], extra.Fields!.Keys);
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.c\", ")]              // truncated JSON
    [InlineData("not json at all")]
    [InlineData("{\"email\": 42, \"password\": \"x\"}")]   // wrong type
    [InlineData("{\"email\": \"a@b.c\", \"password\": [1, 2]}")]
    [InlineData("[\"a@b.c\", \"x\"]")]
    [InlineData("\"a@b.c\"")]
    public async Task Malformed_bodies_get_a_400_json_error_never_500(string json)
    {
        using var api = new ApiClient(App);
        var response = await api.Http.PostAsync("/api/v1/auth/login", Json(json));
        var error = await ApiClient.ReadErrorAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, error.Status);
        Assert.Equal("validation_failed", error.Error);
        ApiClient.AssertNoStore(response);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415_unsupported_media_type()
    {
        using var api = new ApiClient(App);
        var response = await api.Http.PostAsync("/api/v1/auth/login",
            new FormUrlEncodedContent([new("email", "a@b.c"), new("password", "x")]));
        await ApiClient.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task The_11th_login_attempt_within_a_minute_from_one_ip_is_rate_limited()
    {
        using var api = new ApiClient(App);
        var prefix = "rl" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 1; i <= 10; i++)
            await ApiClient.AssertErrorAsync(await api.LoginRawAsync($"{prefix}-{i}@teste.local", "qualquer"), HttpStatusCode.Unauthorized, "invalid_credentials");

        var limited = await api.LoginRawAsync($"{prefix}-11@teste.local", "qualquer");
        await ApiClient.AssertErrorAsync(limited, (HttpStatusCode)429, "rate_limited");
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);

        // Even valid credentials are refused from that IP now; another IP is unaffected.
        var user = await Users.CreateAsync();
        Assert.Equal((HttpStatusCode)429, (await api.LoginRawAsync(user.Email, user.Password)).StatusCode);
        using var other = new ApiClient(App);
        Assert.Equal(HttpStatusCode.OK, (await other.LoginRawAsync(user.Email, user.Password)).StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}

[Collection(SqliteCollection.Name)] public sealed class ApiLoginTestsSqlite(SqlitePortal portal) : ApiLoginTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ApiLoginTestsMySql(MySqlPortal portal) : ApiLoginTests(portal);
