using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Certificates;

/// <summary>
/// Days left come from the certificate actually presented on the HTTPS endpoint (operations.md §5.2, §6.1, §6.3): a
/// real Kestrel HTTPS host stands for the proxy and serves an 80-day certificate while Tls:CertificatePath still holds
/// a 20-day one (a renewal the proxy has not loaded, or the other way round). /health/ready, the health page and the
/// doctor report the presented one; the doctor also points out the mismatch. Without an HTTPS address the files
/// decide (HealthPageTests, DoctorChecksTests).
/// </summary>
public abstract class ServedCertificateTests(DatabaseKind provider) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-served-").FullName;
    private WebApplication _proxy = null!;
    private PortalApp _app = null!;
    private TestUsers _users = null!;
    private Uri _proxyUrl = null!;

    public async Task InitializeAsync()
    {
        var served = TestCertificates.SelfSigned(80);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
            l.UseHttps(X509Certificate2.CreateFromPem(served.ChainPem, served.KeyPem))));
        _proxy = builder.Build();
        _proxy.Run(context => context.Response.WriteAsync("proxy"));
        await _proxy.StartAsync();
        _proxyUrl = new Uri(_proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var file = Path.Combine(_folder, "fullchain.pem");
        await File.WriteAllTextAsync(file, TestCertificates.SelfSigned(20).ChainPem);
        _app = await PortalApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Tls:SelfTestUrl"] = _proxyUrl.ToString(),
            ["Tls:HostNames"] = TestCertificates.Host,
            ["Tls:CertificatePath"] = file,
            ["Jobs:Enabled"] = "false",
        });
        _users = new TestUsers(_app);
        await _users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _proxy.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Health_ready_page_and_doctor_report_the_presented_certificate()
    {
        using var admin = await _users.LoginAsync(_users.Administrator);
        var ready = await admin.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("certificate").GetString());
        Assert.InRange(json.RootElement.GetProperty("details").GetProperty("certificateDaysLeft").GetInt32(), 79, 80);

        var page = await admin.Http.GetStringAsync("/admin/saude");
        Assert.Matches("(79|80) dia\\(s\\) restantes", page);

        var token = await admin.TokenFromAsync("/perfil");
        var diagnosis = await admin.Http.PostAsync("/admin/saude?handler=Diagnose", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var html = WebUtility.HtmlDecode(await diagnosis.Content.ReadAsStringAsync());
        Assert.Contains($"apresentado em {_proxyUrl.GetLeftPart(UriPartial.Authority)}", html);
        Assert.Matches("Certificado OK — (79|80) dia\\(s\\) restantes", html);
        Assert.Contains("não é o do arquivo", html);
        Assert.DoesNotContain("Certificado vence em 19 dia(s)", html);
    }
}

public sealed class ServedCertificateTestsSqlite() : ServedCertificateTests(DatabaseKind.Sqlite);

public sealed class ServedCertificateTestsMySql() : ServedCertificateTests(DatabaseKind.MySql);
