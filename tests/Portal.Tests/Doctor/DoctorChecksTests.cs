using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Portal.Platform.Configuration;
using Portal.Platform.Ops.Certificates;
using Portal.Platform.Ops.Doctor;

namespace Portal.Tests.Doctor;

/// <summary>Portable doctor checks run for real on files in a temp folder (operations.md §6.3, OPS-17).</summary>
public sealed class DoctorChecksTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-doc-").FullName;
    private static readonly DoctorContext BeforeStart = new(false, []);

    /// <summary>No HTTPS address to shake hands with: the checks read the files (the served case runs for real in ServedCertificateTests).</summary>
    private PresentedCertificate NothingPresented() =>
        new(new CertificateProbe(new TlsOptions { CertificatesFolder = _folder }, Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection())), TimeProvider.System);

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static IHostEnvironment Production => new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory };

    [Theory]
    [InlineData("apache", "<VirtualHost *:443>\n  ProxyPass / http://127.0.0.1:5000/\n  ProxyPassReverse / http://127.0.0.1:5000/\n</VirtualHost>")]
    [InlineData("nginx", "location / {\n  proxy_pass http://127.0.0.1:5000;\n}")]
    [InlineData("caddy", "portal.firma.com.br {\n  reverse_proxy 127.0.0.1:5000\n}")]
    public async Task Proxy_forwarding_to_another_port_is_reported_with_both_ports(string kind, string text)
    {
        var file = Path.Combine(_folder, kind + ".conf");
        await File.WriteAllTextAsync(file, text);
        var check = new ProxyCheck(Config(("Urls", "http://127.0.0.1:5080"), ("Doctor:ProxyConfigPath", file)), Production, new ProxyObservations());
        var finding = Assert.Single(await check.RunAsync(BeforeStart, CancellationToken.None));
        Assert.Equal(DoctorLevel.Failed, finding.Level);
        Assert.Equal("o proxy aponta para a porta 5000, o portal escuta na 5080", finding.Detail);
        Assert.Contains(file, finding.Fix);

        await File.WriteAllTextAsync(file, text.Replace("5000", "5080", StringComparison.Ordinal));
        Assert.Equal(DoctorLevel.Ok, Assert.Single(await check.RunAsync(BeforeStart, CancellationToken.None)).Level);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_peer_or_without_https_are_reported()
    {
        var config = Config(("Tls:Mode", "Proxy"));
        var running = new DoctorContext(true, ["http://127.0.0.1:5080"]);
        var observations = new ProxyObservations();
        var check = new ProxyCheck(config, Production, observations);
        Assert.Equal(DoctorLevel.Ok, Assert.Single(await check.RunAsync(running, CancellationToken.None)).Level);

        // Through the trusted proxy (the middleware kept the original in X-Original-For) but plain HTTP.
        var viaProxy = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        viaProxy.Request.Headers["X-Original-For"] = "127.0.0.1:50000";
        observations.Observe(viaProxy.Request);
        var http = Assert.Single(await check.RunAsync(running, CancellationToken.None));
        Assert.Equal(DoctorLevel.Warning, http.Level);
        Assert.Contains("X-Forwarded-Proto", http.Detail);

        // X-Forwarded-For left untouched: it came from a peer outside ForwardedHeaders:KnownProxies.
        var untrusted = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        untrusted.Request.Headers["X-Forwarded-For"] = "1.2.3.4";
        observations.Observe(untrusted.Request);
        var warning = Assert.Single(await check.RunAsync(running, CancellationToken.None));
        Assert.Equal(DoctorLevel.Warning, warning.Level);
        Assert.Contains("ForwardedHeaders:KnownProxies", warning.Fix);
    }

    [Theory]
    [InlineData(40, DoctorLevel.Ok, "Certificado OK — 39 dia(s) restantes")]
    [InlineData(20, DoctorLevel.Warning, "Certificado vence em 19 dia(s)")]
    [InlineData(5, DoctorLevel.Failed, "Certificado vence em 4 dia(s)")]
    public async Task Certificate_days_left_decide_the_level(int days, DoctorLevel level, string detail)
    {
        var file = Path.Combine(_folder, $"cert{days}.pem");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=portal.firma.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("portal.firma.test");
            request.CertificateExtensions.Add(san.Build());
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days));
            await File.WriteAllTextAsync(file, cert.ExportCertificatePem());
        }
        var check = new CertificateCheck(Config(("Tls:CertificatePath", file), ("Portal:PublicUrl", "https://portal.firma.test")),
            new PortalPaths { DataPath = _folder }, NothingPresented(), TimeProvider.System);
        var findings = await check.RunAsync(BeforeStart, CancellationToken.None);
        Assert.Equal(level, findings[0].Level);
        Assert.StartsWith(detail, findings[0].Detail);
        // Self-signed: the chain finding explains how to fix it; the host name matches.
        Assert.DoesNotContain(findings, f => f.Detail.Contains("não cobre", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Level == DoctorLevel.Warning && f.Detail.StartsWith("Cadeia do certificado", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_certificate_file_and_bad_configuration_are_failures_with_a_fix()
    {
        var cert = new CertificateCheck(Config(("Tls:CertificatePath", Path.Combine(_folder, "nao-existe.pem"))), new PortalPaths { DataPath = _folder }, NothingPresented(), TimeProvider.System);
        var missing = Assert.Single(await cert.RunAsync(BeforeStart, CancellationToken.None));
        Assert.Equal(DoctorLevel.Failed, missing.Level);
        Assert.NotNull(missing.Fix);

        var config = new ConfigurationCheck(Config(("Database:Provider", "Oracle"), ("Backup:Schedule", "às vezes"), ("Tls:Mode", "Talvez")),
            Production, new PortalPaths { DataPath = _folder });
        var findings = await config.RunAsync(BeforeStart, CancellationToken.None);
        Assert.Contains(findings, f => f.Level == DoctorLevel.Failed && f.Detail.Contains("Portal:PublicUrl", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Level == DoctorLevel.Failed && f.Detail.Contains("Database:Provider", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Level == DoctorLevel.Failed && f.Detail.Contains("Backup:Schedule", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Level == DoctorLevel.Failed && f.Detail.Contains("Tls:Mode", StringComparison.Ordinal));
        Assert.All(findings.Where(f => f.Level != DoctorLevel.Ok), f => Assert.False(string.IsNullOrWhiteSpace(f.Fix)));
    }

    [Fact]
    public async Task Recent_errors_come_from_error_log_of_the_last_24_hours()
    {
        var paths = new PortalPaths { DataPath = _folder };
        Directory.CreateDirectory(paths.LogsPath);
        var now = DateTime.UtcNow;
        await File.WriteAllLinesAsync(Path.Combine(paths.LogsPath, $"error-{now:yyyyMMdd}.log"),
        [
            $"{now.AddDays(-2):yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] 0HANTIGO Erro antigo Portal.X",
            $"{now.AddMinutes(-5):yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] 0HNOVO123 Falha ao salvar cliente Portal.Clients",
            "System.InvalidOperationException: detalhe da pilha",
        ]);
        var finding = Assert.Single(await new RecentErrorsCheck(paths, TimeProvider.System).RunAsync(BeforeStart, CancellationToken.None));
        Assert.Equal(DoctorLevel.Warning, finding.Level);
        Assert.StartsWith("1 erro(s) nas últimas 24 horas", finding.Detail);
        Assert.Contains("0HNOVO123", finding.Detail);
        Assert.DoesNotContain("0HANTIGO", finding.Detail);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
