using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Certificates;

/// <summary>
/// Tls:Mode=Kestrel through real Kestrel on 127.0.0.1 (operations.md §5): HTTPS from PEM or PFX, replaced files
/// presented on new handshakes without a restart, HTTP → HTTPS 301 except ACME challenges, HSTS.
/// </summary>
public abstract class KestrelTlsTests(DatabaseKind provider)
{
    private static Dictionary<string, string?> Settings(string folder, params (string, string)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tls:Mode"] = "Kestrel",
            ["Tls:ListenAddress"] = "127.0.0.1",
            ["Tls:HttpsPort"] = "0",
            ["Tls:HttpPort"] = "0",
            ["Tls:HostNames"] = TestCertificates.Host,
            ["Tls:CertificatePath"] = Path.Combine(folder, "fullchain.pem"),
            ["Tls:KeyPath"] = Path.Combine(folder, "privkey.pem"),
            ["Tls:Acme:Enabled"] = "false",
            ["Jobs:Enabled"] = "false",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public async Task Serves_the_PEM_certificate_and_presents_the_replaced_one_on_new_handshakes_without_restart()
    {
        var folder = Directory.CreateTempSubdirectory("portal-tls-").FullName;
        var a = TestCertificates.SelfSigned(80);
        TestCertificates.Write(Path.Combine(folder, "fullchain.pem"), Path.Combine(folder, "privkey.pem"), a);
        await using var app = await PortalApp.StartAsync(provider, Settings(folder));
        var https = app.Addresses.Single(u => u.Scheme == "https");

        using (var first = await TestCertificates.PresentedAsync(https)) Assert.Equal(a.Thumbprint, first.Thumbprint);
        using var client = TestCertificates.Client();
        var page = await client.GetAsync(new Uri(https, "/login"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var b = TestCertificates.SelfSigned(85);
        TestCertificates.Write(Path.Combine(folder, "fullchain.pem"), Path.Combine(folder, "privkey.pem"), b);
        Assert.Equal(b.Thumbprint, await TestCertificates.WaitForAsync(https, b.Thumbprint));
        Assert.Equal(HttpStatusCode.OK, (await TestCertificates.Client().GetAsync(new Uri(https, "/login"))).StatusCode);

        // A broken replacement (key of another certificate) keeps B in service.
        var c = TestCertificates.SelfSigned(90);
        File.WriteAllText(Path.Combine(folder, "fullchain.pem"), c.ChainPem);
        await Task.Delay(1500);
        using (var still = await TestCertificates.PresentedAsync(https)) Assert.Equal(b.Thumbprint, still.Thumbprint);
        Assert.Contains("não carregaram", app.ReadLogs());
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Serves_a_PFX_with_its_password_and_reloads_it()
    {
        var folder = Directory.CreateTempSubdirectory("portal-tls-").FullName;
        var pfx = Path.Combine(folder, "portal.pfx");
        var a = TestCertificates.SelfSigned(60);
        await File.WriteAllBytesAsync(pfx, Pfx(a, "s3nha"));
        await using var app = await PortalApp.StartAsync(provider, Settings(folder, ("Tls:CertificatePath", pfx), ("Tls:KeyPath", ""), ("Tls:CertificatePassword", "s3nha")));
        var https = app.Addresses.Single(u => u.Scheme == "https");
        using (var first = await TestCertificates.PresentedAsync(https)) Assert.Equal(a.Thumbprint, first.Thumbprint);

        var b = TestCertificates.SelfSigned(70);
        var temporary = pfx + ".new";
        await File.WriteAllBytesAsync(temporary, Pfx(b, "s3nha"));
        File.Move(temporary, pfx, overwrite: true);
        Assert.Equal(b.Thumbprint, await TestCertificates.WaitForAsync(https, b.Thumbprint));
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Http_answers_301_to_https_except_acme_challenges_and_https_sends_hsts()
    {
        var folder = Directory.CreateTempSubdirectory("portal-tls-").FullName;
        TestCertificates.Write(Path.Combine(folder, "fullchain.pem"), Path.Combine(folder, "privkey.pem"), TestCertificates.SelfSigned(80));
        await using var app = await PortalApp.StartAsync(provider, Settings(folder));
        var https = app.Addresses.Single(u => u.Scheme == "https");
        var http = app.Addresses.Single(u => u.Scheme == "http");
        using var client = TestCertificates.Client();

        var plain = new HttpRequestMessage(HttpMethod.Get, new Uri(http, "/clientes?x=1"));
        plain.Headers.Host = $"{TestCertificates.Host}:{http.Port}";
        var redirect = await client.SendAsync(plain);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"https://{TestCertificates.Host}:{https.Port}/clientes?x=1", redirect.Headers.Location!.ToString());
        Assert.False(redirect.Headers.Contains("Strict-Transport-Security"));

        app.Services.GetRequiredService<Portal.Platform.Ops.Certificates.AcmeChallenges>().Add("tok-123", "tok-123.thumb");
        var challenge = new HttpRequestMessage(HttpMethod.Get, new Uri(http, "/.well-known/acme-challenge/tok-123"));
        challenge.Headers.Host = TestCertificates.Host;
        var answer = await client.SendAsync(challenge);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("tok-123.thumb", await answer.Content.ReadAsStringAsync());
        var unknown = new HttpRequestMessage(HttpMethod.Get, new Uri(http, "/.well-known/acme-challenge/nao-existe"));
        unknown.Headers.Host = TestCertificates.Host;
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(unknown)).StatusCode);

        var secure = new HttpRequestMessage(HttpMethod.Get, new Uri(https, "/login"));
        secure.Headers.Host = TestCertificates.Host;
        var page = await client.SendAsync(secure);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", string.Join(",", page.Headers.GetValues("Strict-Transport-Security")));
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Not_found_over_plain_http_is_a_404_not_a_500()
    {
        var folder = Directory.CreateTempSubdirectory("portal-tls-").FullName;
        TestCertificates.Write(Path.Combine(folder, "fullchain.pem"), Path.Combine(folder, "privkey.pem"), TestCertificates.SelfSigned(80));
        await using var app = await PortalApp.StartAsync(provider, Settings(folder));
        var http = app.Addresses.Single(u => u.Scheme == "http");
        using var client = TestCertificates.Client();
        // A bodiless 404 on the plain HTTP port (the challenge endpoint's answer for an unknown token) used to be
        // re-executed into the HTML error page, whose antiforgery token is HTTPS-only: a 500 with a stack trace.
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http, "/.well-known/acme-challenge/token-desconhecido"));
        request.Headers.Host = TestCertificates.Host;
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("404 — Não encontrado.\n", body);
        Assert.DoesNotContain("antiforgery", app.ReadLogs(), StringComparison.OrdinalIgnoreCase);
        Directory.Delete(folder, true);
    }

    private static byte[] Pfx((string ChainPem, string KeyPem, string Thumbprint) cert, string password)
    {
        using var c = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(cert.ChainPem, cert.KeyPem);
        return c.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, password);
    }
}

public sealed class KestrelTlsTestsSqlite() : KestrelTlsTests(DatabaseKind.Sqlite);
public sealed class KestrelTlsTestsMySql() : KestrelTlsTests(DatabaseKind.MySql);
