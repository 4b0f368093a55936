using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Portal.Platform.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>
/// api.md §3.2–3.3 after issue: deactivation and deletion (API-07), password change (API-08), logout and refresh
/// (API-09), the per-user rate limit, and the JSON shape of misses.
/// </summary>
public abstract class ApiTokenLifecycleTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Me = "/api/v1/me";

    [Fact]
    public async Task Token_of_a_user_deactivated_afterwards_answers_user_not_found_or_inactive()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Pessoal"]);
        using var api = new ApiClient(App);
        var token = await api.LoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me)).StatusCode);

        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Platform.Data.PortalDb>();
            var row = await db.Users.AsNoTracking().Include(u => u.Sectors).Include(u => u.Roles).SingleAsync(u => u.Id == user.Id);
            var result = await sp.GetRequiredService<UserAccounts>().UpdateAsync(user.Id,
                new UserInput(row.Email, row.Username, row.FullName, false, row.Sectors.Select(s => s.SectorId).ToList(), row.Roles.Select(r => r.RoleId).ToList()),
                row.Version, actorIsAdministrator: true);
            Assert.True(result.Succeeded);
        });

        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me), "user_not_found_or_inactive", "User not found/inactive");
        await ApiClient.AssertUnauthorizedAsync(await api.PostAsync("/api/v1/auth/refresh"), "user_not_found_or_inactive");
        // Reactivating does not revive the old token: deactivation changed the security stamp.
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, true)));
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, token), "token_expired_or_invalid");
    }

    [Fact]
    public async Task Token_of_a_user_deactivated_on_the_admin_page_answers_user_not_found_or_inactive()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        using var admin = await Users.LoginAsync(Users.Administrator);

        var row = await App.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == user.Id));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Email", row.Email), new("Username", row.Username), new("FullName", row.FullName), new("IsActive", "false"),
            new("Version", row.Version.ToString()),
        };
        fields.AddRange(row.Roles.Select(r => new KeyValuePair<string, string>("RoleIds", r.RoleId.ToString())));
        var response = await admin.PostFormAsync($"/admin/usuarios/{user.Id}/editar", null, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"admin save answered {(int)response.StatusCode}");
        Assert.False(await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));

        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me), "user_not_found_or_inactive", "User not found/inactive");
    }

    [Fact]
    public async Task Token_of_a_user_deleted_from_the_database_answers_user_not_found_or_inactive()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        using var browser = await Users.LoginAsync(user);

        // The product never hard-deletes users; the test does, removing dependent rows first.
        await App.WithDbAsync(async db =>
        {
            await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();
            await db.SectorMemberships.Where(m => m.UserId == user.Id).ExecuteDeleteAsync();
            await db.UserRoles.Where(r => r.UserId == user.Id).ExecuteDeleteAsync();
            Assert.Equal(1, await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync());
        });

        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me), "user_not_found_or_inactive", "User not found/inactive");
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync("/api/v1/me/sessions"), "user_not_found_or_inactive");
    }

    [Fact]
    public async Task Changing_the_password_on_the_web_invalidates_earlier_tokens()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        var before = await api.LoginAsync(user.Email, user.Password);
        using var browser = await Users.LoginAsync(user);
        const string newPassword = "outra frase bem comprida 77";
        var response = await browser.PostFormAsync("/perfil/senha",
            ("CurrentPassword", user.Password), ("NewPassword", newPassword), ("Confirmation", newPassword));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, before), "token_expired_or_invalid", "Token expired/invalid");
        await ApiClient.AssertUnauthorizedAsync(await api.PostAsync("/api/v1/auth/refresh", token: before), "token_expired_or_invalid");
        await ApiClient.AssertErrorAsync(await api.LoginRawAsync(user.Email, user.Password), HttpStatusCode.Unauthorized, "invalid_credentials");
        var after = await api.LoginAsync(user.Email, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me, after)).StatusCode);
    }

    [Fact]
    public async Task Ending_all_other_sessions_invalidates_earlier_tokens()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        var before = await api.LoginAsync(user.Email, user.Password);
        using var browser = await Users.LoginAsync(user);
        // "Sair de todas as outras sessões" changes the security stamp (api.md §3.2).
        var response = await browser.PostFormAsync("/perfil/sessoes", "/perfil/sessoes?handler=EndOthers", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, before), "token_expired_or_invalid");
    }

    [Fact]
    public async Task Logout_revokes_the_token_and_only_that_token()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        var first = await api.LoginAsync(user.Email, user.Password);
        var second = await new ApiClient(App).LoginAsync(user.Email, user.Password);

        var logout = await api.PostAsync("/api/v1/auth/logout", token: first);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, first), "token_expired_or_invalid", "Token expired/invalid");
        await ApiClient.AssertUnauthorizedAsync(await api.PostAsync("/api/v1/auth/logout", token: first), "token_expired_or_invalid");
        await ApiClient.AssertUnauthorizedAsync(await api.PostAsync("/api/v1/auth/refresh", token: first), "token_expired_or_invalid");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me, second)).StatusCode);

        // The deny-list keeps the id until the token would have expired anyway.
        var jti = new JsonWebToken(first).Id;
        var revoked = await App.WithDbAsync(db => db.RevokedTokens.AsNoTracking().SingleAsync(t => t.Jti == jti));
        Assert.Equal(new JsonWebToken(first).ValidTo, revoked.ExpiresAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Refresh_issues_a_new_token_and_revokes_the_old_one()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = new ApiClient(App);
        var old = await api.LoginAsync(user.Email, user.Password);

        var response = await api.PostAsync("/api/v1/auth/refresh", token: old);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ApiClient.AssertNoStore(response);
        var body = await ApiClient.ReadJsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(86400, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(user.Id, body.GetProperty("user").GetProperty("id").GetInt64());
        var fresh = body.GetProperty("token").GetString()!;
        Assert.NotEqual(new JsonWebToken(old).Id, new JsonWebToken(fresh).Id);

        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, old), "token_expired_or_invalid");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me, fresh)).StatusCode);
        // A refreshed token can itself be refreshed; the old one cannot be refreshed a second time.
        await ApiClient.AssertUnauthorizedAsync(await api.PostAsync("/api/v1/auth/refresh", token: old), "token_expired_or_invalid");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/refresh", token: fresh)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_yield_exactly_one_new_token_and_never_500()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        var old = await api.LoginAsync(user.Email, user.Password);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostAsync("/api/v1/auth/refresh", token: old)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"refresh answered {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Unauthorized))
            await ApiClient.AssertUnauthorizedAsync(refused, "token_expired_or_invalid");

        var second = await new ApiClient(App).LoginAsync(user.Email, user.Password);
        var logouts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostAsync("/api/v1/auth/logout", token: second)));
        Assert.All(logouts, r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Unauthorized, $"logout answered {(int)r.StatusCode}"));
        await ApiClient.AssertUnauthorizedAsync(await api.GetAsync(Me, second), "token_expired_or_invalid");
    }

    [Fact]
    public async Task Permission_changes_apply_to_the_next_request_without_a_new_token()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        Assert.DoesNotContain("billing.access", await PermissionsAsync(api));

        var financeiro = await App.WithDbAsync(db => db.Sectors.Where(s => s.Name == "Financeiro").Select(s => s.Id).SingleAsync());
        await App.WithDbAsync(async db =>
        {
            db.SectorMemberships.Add(new SectorMembership { UserId = user.Id, SectorId = financeiro });
            await db.SaveChangesAsync();
        });
        Assert.Contains("billing.access", await PermissionsAsync(api));
    }

    private static async Task<List<string?>> PermissionsAsync(ApiClient api)
    {
        var response = await api.GetAsync(Me);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
    }

    [Fact]
    public async Task More_than_300_requests_a_minute_from_one_user_are_rate_limited()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);

        var statuses = new List<HttpResponseMessage>();
        for (var batch = 0; batch < 301; batch += 25)
            statuses.AddRange(await Task.WhenAll(Enumerable.Range(batch, Math.Min(25, 301 - batch)).Select(_ => api.GetAsync(Me))));

        Assert.Equal(300, statuses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var limited = Assert.Single(statuses, r => r.StatusCode == (HttpStatusCode)429);
        await ApiClient.AssertErrorAsync(limited, (HttpStatusCode)429, "rate_limited");
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);

        // The limit is per user: another user's token from the same IP still works.
        var other = await Users.CreateAsync();
        using var otherApi = new ApiClient(App, api.Ip);
        await otherApi.LoginAsync(other.Email, other.Password);
        Assert.Equal(HttpStatusCode.OK, (await otherApi.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_routes_answer_a_json_404_and_json_responses_are_not_cached()
    {
        var user = await Users.CreateAsync();
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);

        var me = await api.GetAsync(Me);
        ApiClient.AssertNoStore(me);
        Assert.StartsWith("application/json", me.Content.Headers.ContentType?.ToString());

        foreach (var path in new[] { "/api/v1/xyz", "/api/v1/me/xyz", "/api/v1/auth", "/api/v1/me/sessions/x/y" })
        {
            var response = await api.GetAsync(path);
            await ApiClient.AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found");
            ApiClient.AssertNoStore(response);
        }
        var wrongMethod = await api.SendAsync(HttpMethod.Put, Me);
        var error = await ApiClient.ReadErrorAsync(wrongMethod);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(405, error.Status);
    }
}

[Collection(SqliteCollection.Name)] public sealed class ApiTokenLifecycleTestsSqlite(SqlitePortal portal) : ApiTokenLifecycleTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ApiTokenLifecycleTestsMySql(MySqlPortal portal) : ApiTokenLifecycleTests(portal);
