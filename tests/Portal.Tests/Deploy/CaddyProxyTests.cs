using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>
/// The shipped Caddyfile run for real (Caddy from Debian) in front of a running portal, adapted only where a test
/// machine must differ: loopback ports, plain HTTP (no certificate, no ACME of Caddy's own, no admin endpoint) and the
/// portal's actual port. Through it: an ACME challenge path reaches the portal, the SSE stream is not buffered (its
/// first event arrives while the response is still open), and a client cannot forge its address through it.
/// The database plays no part in what the proxy does, so this runs on SQLite only.
/// </summary>
public sealed class CaddyProxyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-caddy-").FullName;
    private PortalApp _app = null!;
    private TestUsers _users = null!;
    private Process? _caddy;
    private Uri _proxy = null!;
    private readonly System.Text.StringBuilder _caddyOutput = new();

    public async Task InitializeAsync()
    {
        _app = await PortalApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        _users = new TestUsers(_app);
        await _users.EnsureAdministratorAsync();

        var port = FreePort();
        _proxy = new Uri($"http://127.0.0.1:{port}");
        var config = Path.Combine(_folder, "Caddyfile");
        await File.WriteAllTextAsync(config, Adapt(DeployFiles.Read("caddy/Caddyfile"), port, _app.BaseAddress.Port));
        var start = new ProcessStartInfo(DeployFiles.Tool("caddy")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", "--config", config, "--adapter", "caddyfile" }) start.ArgumentList.Add(a);
        start.Environment["HOME"] = _folder; // Caddy's data/config folders stay in the test folder
        start.Environment["XDG_DATA_HOME"] = _folder;
        start.Environment["XDG_CONFIG_HOME"] = _folder;
        _caddy = Process.Start(start)!;
        _caddy.OutputDataReceived += (_, e) => { lock (_caddyOutput) _caddyOutput.AppendLine(e.Data); };
        _caddy.ErrorDataReceived += (_, e) => { lock (_caddyOutput) _caddyOutput.AppendLine(e.Data); };
        _caddy.BeginOutputReadLine();
        _caddy.BeginErrorReadLine();
        await WaitForProxyAsync(port);
    }

    public async Task DisposeAsync()
    {
        if (_caddy is { HasExited: false })
        {
            _caddy.Kill(entireProcessTree: true);
            await _caddy.WaitForExitAsync();
        }
        _caddy?.Dispose();
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>The sample with each test-only change asserted, so a change to the sample cannot slip past unnoticed.</summary>
    private static string Adapt(string sample, int proxyPort, int portalPort)
    {
        string Replace(string text, string from, string to)
        {
            Assert.Contains(from, text);
            return text.Replace(from, to, StringComparison.Ordinal);
        }
        var text = Replace(sample, "\temail ti@suafirma.com.br", "\tadmin off\n\tauto_https off");
        // Port 80 (redirect; Caddy answers its own ACME challenges there) needs a certificate-holding site: left out.
        var redirect = text.IndexOf("http://portal.suafirma.com.br {", StringComparison.Ordinal);
        Assert.True(redirect >= 0);
        text = text.Remove(redirect, text.IndexOf("\n}", redirect, StringComparison.Ordinal) - redirect + 2);
        text = Replace(text, "portal.suafirma.com.br {", $"http://127.0.0.1:{proxyPort} {{");
        var tls = text.IndexOf("\ttls {", StringComparison.Ordinal);
        Assert.True(tls >= 0);
        text = text.Remove(tls, text.IndexOf("\n\t}", tls, StringComparison.Ordinal) - tls + 3);
        return Replace(text, "127.0.0.1:5080", $"127.0.0.1:{portalPort}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForProxyAsync(int port)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_caddy!.HasExited) break;
            try
            {
                await http.GetAsync(new Uri(_proxy, "/health/live"));
                return;
            }
            catch (HttpRequestException) { await Task.Delay(200); }
        }
        lock (_caddyOutput) Assert.Fail($"Caddy não respondeu na porta {port}: {_caddyOutput}");
    }

    private TestClient ThroughProxy(string ip)
    {
        var client = _app.NewClient(ip);
        client.Http.BaseAddress = _proxy;
        return client;
    }

    [Fact]
    public async Task Acme_challenge_path_reaches_the_portal()
    {
        using var client = ThroughProxy("203.0.113.7");
        var response = await client.GetAsync("/.well-known/acme-challenge/token-de-teste");
        // Answered by the portal (its security headers, its request id), not by Caddy; in proxy mode the portal maps
        // no challenge route, so the anonymous request ends in its usual redirect to the login.
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "a resposta não passou pelo portal");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_stream_is_not_buffered_and_a_forged_client_address_does_not_pass()
    {
        var user = await _users.CreateAsync(roles: ["Gestor"]);
        using var client = ThroughProxy("203.0.113.9");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user.Email, user.Password)).StatusCode);

        // OpenAsync reads the stream's first event ("ready") while the response is still open: a buffering proxy
        // would hold it back until the stream ends, which it never does on its own.
        await using var stream = await EventStream.OpenAsync(client, "/eventos/stream");
        Assert.False(stream.Ended);
        Assert.NotNull(stream.Ready.EventId);

        var id = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var login = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "login" && a.ResourceId == id).OrderByDescending(a => a.Id).FirstAsync());
        // The client really connects from 127.0.0.1 and claims 203.0.113.9 in its own X-Forwarded-For: Caddy replaces
        // that header with the real peer (it trusts no proxy before it), so the forged address never reaches the audit.
        Assert.Equal("127.0.0.1", login.Ip);
    }
}
