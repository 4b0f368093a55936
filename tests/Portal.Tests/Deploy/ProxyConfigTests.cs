using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Portal.Platform.Ops.Doctor;

namespace Portal.Tests.Deploy;

/// <summary>
/// The sample reverse-proxy configurations of operations.md §5.1: the requirements read from the files, then the real
/// nginx / Apache httpd / Caddy from Debian validate the syntax (with a throw-away certificate in place of the
/// Let's Encrypt paths), and the doctor's proxy check agrees with the shipped port.
/// </summary>
public sealed class ProxyConfigTests : IDisposable
{
    private const string CertificateFile = "/etc/letsencrypt/live/portal.suafirma.com.br/fullchain.pem";
    private const string KeyFile = "/etc/letsencrypt/live/portal.suafirma.com.br/privkey.pem";
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-proxy-").FullName;

    [Fact]
    public void Nginx_config_meets_the_proxy_requirements()
    {
        var lines = DeployFiles.Directives("nginx/portal.conf");
        var text = string.Join('\n', lines);
        Assert.Contains("listen 443 ssl http2;", lines);
        Assert.Contains("ssl_protocols TLSv1.2 TLSv1.3;", lines);
        Assert.Contains("location ^~ /.well-known/acme-challenge/ {", lines);
        Assert.Contains("return 301 https://$host$request_uri;", lines);
        Assert.Contains("proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;", lines);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", lines);
        Assert.Contains("proxy_set_header X-Forwarded-Host  $host;", lines);
        Assert.Contains("proxy_set_header Host              $host;", lines);
        Assert.Contains("client_max_body_size 100m;", lines);
        Assert.DoesNotContain("gzip on;", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("proxy_hide_header", StringComparison.Ordinal));
        // The SSE block: unbuffered, no compression, an hour of read timeout, for both stream paths.
        var sse = text[text.IndexOf("location ~ ^/(eventos|api/v1/events)/stream$ {", StringComparison.Ordinal)..];
        sse = sse[..sse.IndexOf('}', StringComparison.Ordinal)];
        Assert.Contains("proxy_buffering off;", sse);
        Assert.Contains("gzip off;", sse);
        Assert.Contains("proxy_read_timeout 3600s;", sse);
        Assert.Matches("^/(eventos|api/v1/events)/stream$", "/eventos/stream");
        Assert.Matches("^/(eventos|api/v1/events)/stream$", "/api/v1/events/stream");
    }

    [Fact]
    public void Apache_config_meets_the_proxy_requirements()
    {
        var lines = DeployFiles.Directives("apache/portal.conf");
        Assert.Contains("Protocols h2 http/1.1", lines);
        Assert.Contains("SSLProtocol -all +TLSv1.2 +TLSv1.3", lines);
        Assert.Contains(@"RewriteCond %{REQUEST_URI} !^/\.well-known/acme-challenge/", lines);
        Assert.Contains("RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]", lines);
        Assert.Contains("ProxyPreserveHost On", lines);
        Assert.Contains("RequestHeader set X-Forwarded-Proto \"https\"", lines);
        Assert.Contains("LimitRequestBody 104857600", lines);
        Assert.Contains("SetEnv no-gzip 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Header unset", StringComparison.Ordinal));
        foreach (var path in new[] { "/eventos/stream", "/api/v1/events/stream" })
        {
            var pass = Assert.Single(lines, l => l.StartsWith("ProxyPass ", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == path);
            Assert.Contains("flushpackets=on", pass);
            Assert.Contains("timeout=3600", pass);
            // Before the catch-all "ProxyPass /": Apache uses the first match.
            Assert.True(lines.ToList().IndexOf(pass) < lines.ToList().FindIndex(l => l.StartsWith("ProxyPass        / ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Caddyfile_meets_the_proxy_requirements()
    {
        var lines = DeployFiles.Directives("caddy/Caddyfile");
        var text = string.Join('\n', lines);
        Assert.Contains("protocols tls1.2 tls1.3", lines);
        Assert.Contains("redir https://{host}{uri} 301", lines);
        Assert.Contains("max_size 100MB", lines);
        Assert.Contains("@sse path /eventos/stream /api/v1/events/stream", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("encode", StringComparison.Ordinal));
        var sse = text[text.IndexOf("handle @sse {", StringComparison.Ordinal)..text.IndexOf("handle {", StringComparison.Ordinal)];
        Assert.Contains("flush_interval -1", sse);
        Assert.Contains("read_timeout 1h", sse);
    }

    [Fact]
    public void Nginx_accepts_the_config()
    {
        WriteCertificate();
        var site = Path.Combine(_folder, "site.conf");
        File.WriteAllText(site, WithTestCertificate(DeployFiles.Read("nginx/portal.conf")));
        var main = Path.Combine(_folder, "nginx.conf");
        File.WriteAllText(main, $"pid {_folder}/nginx.pid;\nerror_log {_folder}/error.log;\nevents {{}}\nhttp {{\n  include {site};\n}}\n");
        var (code, output) = DeployFiles.Run(DeployFiles.Tool("nginx"), "-t", "-c", main, "-p", _folder);
        Assert.True(code == 0, output);
        Assert.Contains("test is successful", output);
    }

    [Fact]
    public void Apache_httpd_accepts_the_config()
    {
        WriteCertificate();
        var site = Path.Combine(_folder, "site.conf");
        File.WriteAllText(site, WithTestCertificate(DeployFiles.Read("apache/portal.conf")));
        const string modules = "/usr/lib/apache2/modules";
        var load = string.Join('\n', new[] { "mpm_event", "authz_core", "alias", "rewrite", "setenvif", "env", "headers", "socache_shmcb", "ssl", "http2", "proxy", "proxy_http" }
            .Select(m => $"LoadModule {m}_module {modules}/mod_{m}.so"));
        var main = Path.Combine(_folder, "apache.conf");
        File.WriteAllText(main, $"ServerRoot {_folder}\nServerName localhost\nPidFile {_folder}/httpd.pid\nErrorLog {_folder}/error.log\nDefine APACHE_LOG_DIR {_folder}\n{load}\nListen 127.0.0.1:80\nInclude {site}\n");
        var (code, output) = DeployFiles.Run(DeployFiles.Tool("apache2"), "-t", "-f", main);
        Assert.True(code == 0, output);
        Assert.Contains("Syntax OK", output);
    }

    [Fact]
    public void Caddy_accepts_the_config()
    {
        var (code, output) = DeployFiles.Run(DeployFiles.Tool("caddy"), "validate", "--config", DeployFiles.Path("caddy/Caddyfile"), "--adapter", "caddyfile");
        Assert.True(code == 0, output);
        Assert.Contains("Valid configuration", output);
    }

    [Theory]
    [InlineData("apache/portal.conf")]
    [InlineData("nginx/portal.conf")]
    [InlineData("caddy/Caddyfile")]
    public async Task Doctor_reads_the_shipped_config_and_finds_the_portal_port(string file)
    {
        var production = new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory };
        IConfiguration Config(string urls) => new ConfigurationBuilder().AddInMemoryCollection(
            [new("Urls", urls), new("Doctor:ProxyConfigPath", DeployFiles.Path(file))]).Build();
        var before = new DoctorContext(false, []);
        var ok = Assert.Single(await new ProxyCheck(Config("http://127.0.0.1:5080"), production, new ProxyObservations()).RunAsync(before, CancellationToken.None));
        Assert.Equal(DoctorLevel.Ok, ok.Level);
        var moved = Assert.Single(await new ProxyCheck(Config("http://127.0.0.1:5090"), production, new ProxyObservations()).RunAsync(before, CancellationToken.None));
        Assert.Equal("o proxy aponta para a porta 5080, o portal escuta na 5090", moved.Detail);
    }

    private string WithTestCertificate(string text) => text
        .Replace(CertificateFile, Path.Combine(_folder, "cert.pem"), StringComparison.Ordinal)
        .Replace(KeyFile, Path.Combine(_folder, "key.pem"), StringComparison.Ordinal);

    private void WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=portal.suafirma.com.br", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(Path.Combine(_folder, "cert.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
