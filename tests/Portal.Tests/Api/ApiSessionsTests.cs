using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Portal.Platform.Audit;
using Portal.Platform.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>IDN-24: GET/DELETE /api/v1/me/sessions — the caller's web sessions, by opaque id.</summary>
public abstract class ApiSessionsTests(SharedPortal portal) : IntegrationTest(portal)
{
    private Task<string> PublicIdOfAsync(TestClient browser)
    {
        var hash = SessionService.Hash(Base64UrlEncoder.DecodeBytes(browser.SessionCookie!));
        return App.WithDbAsync(db => db.UserSessions.Where(s => s.TokenHash == hash).Select(s => s.PublicId).SingleAsync());
    }

    private static async Task<List<JsonElement>> SessionsAsync(ApiClient api)
    {
        var response = await api.GetAsync("/api/v1/me/sessions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ApiClient.AssertNoStore(response);
        return [.. (await ApiClient.ReadJsonAsync(response)).EnumerateArray()];
    }

    [Fact]
    public async Task Lists_the_callers_active_web_sessions_with_opaque_ids()
    {
        var user = await Users.CreateAsync();
        using var laptop = await Users.LoginAsync(user);
        using var phone = await Users.LoginAsync(user, remember: true);
        using var ended = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await ended.LogoutAsync()).StatusCode);
        var someoneElse = await Users.CreateAsync();
        using var otherBrowser = await Users.LoginAsync(someoneElse);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);

        var sessions = await SessionsAsync(api);
        Assert.Equal(2, sessions.Count);
        var ids = sessions.Select(s => s.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(new HashSet<string> { await PublicIdOfAsync(laptop), await PublicIdOfAsync(phone) }, ids);
        foreach (var s in sessions)
        {
            var id = s.GetProperty("id").GetString()!;
            var json = s.GetRawText();
            foreach (var cookie in new[] { laptop.SessionCookie!, phone.SessionCookie! })
            {
                Assert.DoesNotContain(cookie, json, StringComparison.Ordinal);
                Assert.DoesNotContain(SessionService.Hash(Base64UrlEncoder.DecodeBytes(cookie)), json, StringComparison.Ordinal);
            }
            Assert.DoesNotMatch("^[0-9]+$", id); // not the row id either
            Assert.Equal("password", s.GetProperty("authMethod").GetString());
            Assert.Contains(s.GetProperty("ipAddress").GetString(), new[] { laptop.Ip, phone.Ip });
            Assert.Contains("PortalTests", s.GetProperty("userAgent").GetString());
            Assert.True(s.GetProperty("createdAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
            Assert.EndsWith("Z", s.GetProperty("createdAt").GetString()); // ISO 8601 UTC (api.md §2)
            Assert.EndsWith("Z", s.GetProperty("lastSeenAt").GetString());
        }
        var persistent = sessions.Single(s => s.GetProperty("isPersistent").GetBoolean());
        Assert.Equal(await PublicIdOfAsync(phone), persistent.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Deleting_a_session_ends_that_browser_only_and_is_audited()
    {
        var user = await Users.CreateAsync();
        using var laptop = await Users.LoginAsync(user);
        using var phone = await Users.LoginAsync(user);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);
        var phoneId = await PublicIdOfAsync(phone);

        var response = await api.DeleteAsync($"/api/v1/me/sessions/{phoneId}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var next = await phone.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/login", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode); // the token is not a session

        var row = await App.WithDbAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.PublicId == phoneId));
        Assert.Equal(SessionRevokeReasons.User, row.RevokedReason);
        Assert.NotNull(row.RevokedAt);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "session_revoked" && a.ResourceType == "UserSession" && a.ResourceId == row.Id.ToString()));
        Assert.Equal(AuditChannels.Api, audit.Channel);
        Assert.Equal(user.Id, audit.ActorUserId);
        Assert.Equal(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(api.Token!).Id, audit.TokenId);

        Assert.DoesNotContain(await SessionsAsync(api), s => s.GetProperty("id").GetString() == phoneId);
        // Ending it again: it is no longer one of the caller's active sessions.
        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/me/sessions/{phoneId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Another_users_session_id_answers_404_and_stays_active()
    {
        var user = await Users.CreateAsync();
        var victim = await Users.CreateAsync();
        using var victimBrowser = await Users.LoginAsync(victim);
        var victimSession = await PublicIdOfAsync(victimBrowser);
        using var api = new ApiClient(App);
        await api.LoginAsync(user.Email, user.Password);

        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/me/sessions/{victimSession}"), HttpStatusCode.NotFound, "not_found");
        await ApiClient.AssertErrorAsync(await api.DeleteAsync("/api/v1/me/sessions/nao-existe"), HttpStatusCode.NotFound, "not_found");
        var rowId = await App.WithDbAsync(db => db.UserSessions.Where(s => s.PublicId == victimSession).Select(s => s.Id).SingleAsync());
        await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/me/sessions/{rowId}"), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.OK, (await victimBrowser.GetAsync("/inicio")).StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.UserSessions.Where(s => s.PublicId == victimSession).Select(s => s.RevokedAt).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)] public sealed class ApiSessionsTestsSqlite(SqlitePortal portal) : ApiSessionsTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ApiSessionsTestsMySql(MySqlPortal portal) : ApiSessionsTests(portal);
