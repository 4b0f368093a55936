using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>identity.md §5 and IDN-01…07: the seed's login flow over real HTTP.</summary>
public abstract class LoginTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Correct_credentials_in_any_letter_case_create_a_session_and_audit_login()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = App.NewClient();
        var response = await client.LoginAsync(user.Email.ToUpperInvariant(), user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("portal_session", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "login" && a.ActorUserId == user.Id)));
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_message_and_are_audited()
    {
        var user = await Users.CreateAsync();
        using var client = App.NewClient();
        var unknown = await client.LoginAsync("ninguem-" + user.Username + "@teste.local", "qualquer senha errada");
        var wrong = await client.LoginAsync(user.Email, "senha totalmente errada");

        foreach (var response in new[] { unknown, wrong })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(LoginService.InvalidMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Null(client.SessionCookie);
        var failures = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "login_failed" && a.Summary!.Contains(user.Username)).CountAsync());
        Assert.Equal(2, failures);
    }

    [Fact]
    public async Task Inactive_user_with_correct_password_sees_conta_desativada_and_gets_no_session()
    {
        var user = await Users.CreateAsync(active: false);
        using var client = App.NewClient();
        var response = await client.LoginAsync(user.Email, user.Password);
        Assert.Contains(LoginService.InactiveMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_until_the_lockout_ends()
    {
        var user = await Users.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            using var attacker = App.NewClient(); // a new IP each time: the per-IP limit does not interfere
            await attacker.LoginAsync(user.Email, "errada " + i);
        }
        using var client = App.NewClient();
        var locked = await client.LoginAsync(user.Email, user.Password);
        Assert.Contains("Conta temporariamente bloqueada. Tente novamente em 15 minutos.", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()));
        Assert.Null(client.SessionCookie);

        // 15 minutes later (moved in the database rather than waiting).
        var ended = DateTime.UtcNow.AddSeconds(-1);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEndAt, ended)));
        var ok = await client.LoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task Sixth_login_post_from_one_ip_within_a_minute_gets_429_with_retry_after()
    {
        using var client = App.NewClient();
        var tokenPage = await client.TokenFromAsync("/login");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await client.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = $"x{i}@teste.local", ["Password"] = "errada", ["__RequestVerificationToken"] = tokenPage,
            }));
            if (i < 5) Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }
        Assert.Equal((HttpStatusCode)429, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null);
        Assert.Contains("Muitas tentativas. Tente novamente em", WebUtility.HtmlDecode(await last.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_is_403_csrf_and_creates_no_session()
    {
        var user = await Users.CreateAsync();
        using var client = App.NewClient();
        await client.GetAsync("/login");
        var response = await client.PostWithoutTokenAsync("/login", ("Email", user.Email), ("Password", user.Password));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CSRF token inválido. Recarregue a página e tente novamente.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task Tampered_antiforgery_token_or_session_cookie_never_yield_500()
    {
        var user = await Users.CreateAsync();
        using var client = App.NewClient();
        await client.GetAsync("/login");
        var tampered = await client.PostWithoutTokenAsync("/login", ("Email", user.Email), ("Password", user.Password), ("__RequestVerificationToken", "CfDJ8garbage"));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);

        using var forged = App.NewClient();
        forged.Cookies.Add(App.BaseAddress, new Cookie("portal_session", "not-a-real-session-%%%"));
        var page = await forged.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_is_post_only_and_the_old_cookie_stops_working()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var get = await client.GetAsync("/logout");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);

        var oldCookie = client.SessionCookie!;
        var post = await client.LogoutAsync();
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/login", post.Headers.Location!.OriginalString);

        using var replay = App.NewClient();
        replay.Cookies.Add(App.BaseAddress, new Cookie("portal_session", oldCookie));
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/inicio")).StatusCode);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "logout" && a.ActorUserId == user.Id)));
    }

    [Fact]
    public async Task Return_url_to_another_host_is_ignored()
    {
        var user = await Users.CreateAsync();
        using var client = App.NewClient();
        var token = await client.TokenFromAsync("/login");
        var response = await client.Http.PostAsync("/login?returnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email, ["Password"] = user.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inicio", response.Headers.Location!.OriginalString);

        using var other = App.NewClient();
        token = await other.TokenFromAsync("/login");
        response = await other.Http.PostAsync("/login?returnUrl=%2Fperfil%2Fsessoes", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email, ["Password"] = user.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/perfil/sessoes", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unauthenticated_page_request_redirects_to_login_with_local_return_url()
    {
        using var client = App.NewClient();
        var response = await client.GetAsync("/perfil/sessoes");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fperfil%2Fsessoes", response.Headers.Location!.OriginalString);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoginTestsSqlite(SqlitePortal portal) : LoginTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class LoginTestsMySql(MySqlPortal portal) : LoginTests(portal);

/// <summary>
/// IDN-02: an unknown e-mail costs the same as a wrong password (a dummy hash is verified), so response times do not
/// reveal which e-mails exist. Attempts are interleaved so machine load affects both series alike.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class LoginTimingTests(SqlitePortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Unknown_email_and_wrong_password_take_the_same_time_on_average()
    {
        var victims = new List<TestUser>();
        for (var i = 0; i < 5; i++) victims.Add(await Users.CreateAsync(prefix: "timing"));
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            unknown.Add(await TimeLoginAsync($"ninguem{i}-{Guid.NewGuid():N}@teste.local"));
            wrong.Add(await TimeLoginAsync(victims[i % victims.Count].Email)); // 4 failures each: below the lockout
        }
        Assert.True(Math.Abs(unknown.Average() - wrong.Average()) < 100,
            $"unknown {unknown.Average():0} ms vs wrong password {wrong.Average():0} ms");
    }

    private async Task<double> TimeLoginAsync(string email)
    {
        using var client = App.NewClient();
        var token = await client.TokenFromAsync("/login");
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = "senha errada de proposito", ["__RequestVerificationToken"] = token,
        });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await client.Http.PostAsync("/login", content);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return elapsed;
    }
}
