using System.Net;
using System.Net.Http.Headers;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>Spec README §6.17, §6.19, platform.md §10: headers, compression, error pages, request ids, body limits.</summary>
public abstract class SecurityHeadersTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Theory]
    [InlineData("/login", false)]
    [InlineData("/inicio", true)]
    public async Task Pages_carry_strict_csp_and_the_other_security_headers(string path, bool signedIn)
    {
        using var client = signedIn ? await Users.LoginAsync(await Users.CreateAsync()) : App.NewClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.True(response.Headers.Contains("X-Request-ID"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain HTTP in this test
    }

    [Fact]
    public async Task Html_never_contains_inline_scripts_or_style_attributes()
    {
        using var client = await Users.LoginAsync(Users.Administrator);
        foreach (var path in new[] { "/login", "/inicio", "/perfil", "/perfil/senha", "/perfil/sessoes", "/privacidade" })
        {
            var (_, doc) = await client.GetPageAsync(path);
            Assert.All(doc.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"inline script on {path}"));
            Assert.Empty(doc.QuerySelectorAll("[style]"));
            Assert.DoesNotContain(doc.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Https_through_the_trusted_proxy_gets_hsts_and_secure_host_prefixed_cookies()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Tls:Mode"] = "Proxy" });
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var client = app.NewClient();
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.Http.DefaultRequestHeaders.Host = "portal.teste"; // HSTS is never sent to localhost names
        var login = await client.GetAsync("/login");
        Assert.Equal("max-age=31536000; includeSubDomains", login.Headers.GetValues("Strict-Transport-Security").Single());
        var token = TestClient.Parse(await login.Content.ReadAsStringAsync()).QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var csrfCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-portal_csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", csrfCookie, StringComparison.OrdinalIgnoreCase);

        // HttpClient will not send Secure cookies over http://, so pass the antiforgery cookie by hand.
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = users.Administrator.Email, ["Password"] = users.Administrator.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", csrfCookie.Split(';')[0]);
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-portal_session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_responses_are_compressed_when_the_client_accepts_it()
    {
        using var client = App.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await client.Http.SendAsync(request);
        Assert.Contains("br", response.Content.Headers.ContentEncoding);

        request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        Assert.Contains("gzip", (await client.Http.SendAsync(request)).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Unknown_route_is_the_pt_br_404_page()
    {
        using var client = await Users.LoginAsync(await Users.CreateAsync());
        var (response, doc) = await client.GetPageAsync("/nao-existe/" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Página não encontrada.", doc.Body!.TextContent);
    }

    [Fact]
    public async Task Missing_permission_is_the_pt_br_403_page()
    {
        using var client = await Users.LoginAsync(await Users.CreateAsync(roles: ["Colaborador"]));
        var (response, doc) = await client.GetPageAsync("/admin/usuarios");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Você não tem permissão para acessar esta página.", doc.Body!.TextContent);
    }

    [Fact]
    public async Task Oversized_body_is_rejected_with_413()
    {
        using var client = App.NewClient();
        var token = await client.TokenFromAsync("/login");
        var huge = new string('a', 31 * 1024 * 1024);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = huge, ["__RequestVerificationToken"] = token });
        // Expect: 100-continue lets the server refuse by Content-Length before the body is sent.
        var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_is_believed_only_from_the_trusted_proxy()
    {
        var user = await Users.CreateAsync();
        // From loopback (trusted) with X-Forwarded-For: the forwarded address is the client.
        using var viaProxy = App.NewClient("1.2.3.4");
        await viaProxy.LoginAsync(user.Email, "errada de proposito");
        var entry = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.AuditEntries.Where(a => a.Action == "login_failed" && a.ResourceId == user.Id.ToString())));
        Assert.Equal("1.2.3.4", entry.Ip);
        // OPS-06: the request log line carries the same address.
        await ForwardedLog.WaitForLineAsync(App, "HTTP POST /login", "IP 1.2.3.4)");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecurityHeadersTestsSqlite(SqlitePortal portal) : SecurityHeadersTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class SecurityHeadersTestsMySql(MySqlPortal portal) : SecurityHeadersTests(portal);

/// <summary>OPS-06 untrusted half: with no trusted proxy, X-Forwarded-For from the peer is ignored in audit and log.</summary>
public abstract class UntrustedProxyTests(DatabaseKind provider)
{
    [Fact]
    public async Task Forwarded_for_from_an_untrusted_peer_is_ignored_in_audit_and_log()
    {
        await using var app = await PortalApp.StartAsync(provider, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = "192.0.2.1" });
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var client = app.NewClient("1.2.3.4");
        await client.LoginAsync(users.Administrator.Email, "errada de proposito");
        var entry = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.AuditEntries.Where(a => a.Action == "login_failed")));
        Assert.Equal("127.0.0.1", entry.Ip);
        await ForwardedLog.WaitForLineAsync(app, "HTTP POST /login", "IP 127.0.0.1)");
        Assert.DoesNotContain("1.2.3.4", app.ReadLogs(), StringComparison.Ordinal);
    }
}

public sealed class UntrustedProxyTestsSqlite() : UntrustedProxyTests(DatabaseKind.Sqlite);

public sealed class UntrustedProxyTestsMySql() : UntrustedProxyTests(DatabaseKind.MySql);

internal static class ForwardedLog
{
    /// <summary>The request log line is written when the response completes, just after the client has it.</summary>
    public static async Task WaitForLineAsync(PortalApp app, string start, string contains)
    {
        for (var i = 0; i < 100; i++)
        {
            if (app.ReadLogs(".log").Split('\n').Any(l => l.Contains(start, StringComparison.Ordinal) && l.Contains(contains, StringComparison.Ordinal))) return;
            await Task.Delay(100);
        }
        Assert.Fail($"no log line '{start} … {contains}':\n{string.Join('\n', app.ReadLogs(".log").Split('\n').Where(l => l.Contains("HTTP", StringComparison.Ordinal)).Take(20))}\n{string.Join(", ", Directory.GetFiles(Path.Combine(app.DataPath, "logs")))}");
    }
}
