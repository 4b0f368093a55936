using Portal.Tests.Infrastructure;

namespace Portal.Tests.Certificates;

/// <summary>`portal cert status` and `portal cert renew` run as an operator would (SQLite data folder).</summary>
public sealed class CertificateCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("portal-cert-cli-").FullName;

    [Fact]
    public async Task Status_prints_the_certificate_and_renew_says_ok_when_not_due()
    {
        using var authority = new TestCertificates.Authority();
        TestCertificates.Write(Path.Combine(_data, "c", "fullchain.pem"), Path.Combine(_data, "c", "privkey.pem"), authority.Issue(40.5));
        string[] tls = ["--Tls:Mode=Proxy", "--Tls:CertificatePath=c/fullchain.pem", "--Tls:KeyPath=c/privkey.pem", $"--Tls:HostNames={TestCertificates.Host}",
            "--Tls:RenewCommand=false"];
        Assert.Equal(0, (await PortalProcess.RunAsync(_data, ["migrate"])).ExitCode);

        var status = await PortalProcess.RunAsync(_data, ["cert", "status", .. tls]);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Modo TLS: Proxy; renovação: comando", status.Output);
        Assert.Contains($"Nomes: {TestCertificates.Host}", status.Output);
        Assert.Contains("Emissor: Portal Test CA", status.Output);
        Assert.Contains("40 dias restantes", status.Output);

        var renew = await PortalProcess.RunAsync(_data, ["cert", "renew", .. tls]);
        Assert.Equal(0, renew.ExitCode);
        Assert.Contains("Não necessária: Certificado OK (40 dias restantes).", renew.Output);

        var forced = await PortalProcess.RunAsync(_data, ["cert", "renew", "--force", .. tls]);
        Assert.Equal(1, forced.ExitCode);
        Assert.Contains("Falhou: O comando de renovação falhou (código 1)", forced.Output);

        var usage = await PortalProcess.RunAsync(_data, ["cert", "qualquer"]);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("cert renew [--force]", usage.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, true); }
        catch (IOException) { }
    }
}
