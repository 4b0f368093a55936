using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Ops.Certificates;

namespace Portal.Tests.Certificates;

/// <summary>
/// The built-in ACME client against a private pebble with real HTTP-01 validation back to the portal's HTTP port
/// (OPS-12): 20 days left → new certificate from pebble served; validation failing → alert, old certificate served.
/// </summary>
public abstract class AcmeRenewalTests(DatabaseKind provider)
{
    private static readonly RenewalRequest Scheduled = new("agendado", false, null, "Portal (tarefa agendada)", AuditChannels.Job);

    private static Action<string, Dictionary<string, string?>> Acme(Pebble pebble) => (_, s) =>
    {
        s["Tls:Acme:DirectoryUrl"] = pebble.Directory.ToString();
        s["Tls:Acme:ServerCaPath"] = pebble.ServerCaPath;
        s["Tls:Acme:Email"] = "ti@escritorio.test";
        s["Tls:TrustedRootsPath"] = pebble.RootsPath;
    };

    [Fact]
    public async Task Twenty_days_left_renews_through_pebble_with_http01_validation_on_the_portal()
    {
        await using var pebble = Pebble.Prepare();
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: Acme(pebble));
        await pebble.StartAsync(t.Http.Port);
        using var old = await TestCertificates.PresentedAsync(t.Https);

        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);

        Assert.True(run.Outcome == RenewalOutcome.Renewed, run.Message + "\n" + pebble.Logs());
        Assert.Equal("acme", run.Method);
        using var served = await TestCertificates.PresentedAsync(t.Https);
        Assert.Equal(run.NewThumbprint, served.Thumbprint);
        Assert.NotEqual(old.Thumbprint, served.Thumbprint);
        Assert.Contains("Pebble", served.Issuer);
        Assert.True(served.MatchesHostname(TestCertificates.Host));
        Assert.Contains("BEGIN CERTIFICATE", await File.ReadAllTextAsync(t.CertPath));
        Assert.Single(Directory.GetDirectories(Path.Combine(t.App.DataPath, "certificates", "previous")));
        Assert.Contains("acme-challenge", pebble.Logs() + t.App.ReadLogs());
    }

    [Fact]
    public async Task Failing_validation_alerts_with_likely_causes_and_keeps_the_old_certificate()
    {
        await using var pebble = Pebble.Prepare();
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: Acme(pebble));
        await pebble.StartAsync(Pebble.FreePort()); // validation goes to a port nobody answers
        using var old = await TestCertificates.PresentedAsync(t.Https);

        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);

        Assert.Equal(RenewalOutcome.Failed, run.Outcome);
        Assert.Contains("Validação HTTP-01 de portal.test falhou", run.Message);
        Assert.Contains("porta 80 bloqueada no firewall", run.Message);
        using var served = await TestCertificates.PresentedAsync(t.Https);
        Assert.Equal(old.Thumbprint, served.Thumbprint);
        Assert.Single(t.Published.Of(CertificateAlerts.RenewalFailed));
    }
}

public sealed class AcmeRenewalTestsSqlite() : AcmeRenewalTests(DatabaseKind.Sqlite);
public sealed class AcmeRenewalTestsMySql() : AcmeRenewalTests(DatabaseKind.MySql);
