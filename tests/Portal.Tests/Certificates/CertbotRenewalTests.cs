using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Ops.Certificates;

namespace Portal.Tests.Certificates;

/// <summary>
/// Command mode with the real tool (OPS-12): Tls:RenewCommand runs certbot (standalone HTTP-01 on its own free port)
/// against a private pebble; certbot's deploy hook copies the new files over the configured ones.
/// </summary>
public abstract class CertbotRenewalTests(DatabaseKind provider)
{
    [Fact]
    public async Task Certbot_against_pebble_renews_and_the_portal_serves_the_new_certificate()
    {
        await using var pebble = Pebble.Prepare();
        var certbotPort = Pebble.FreePort();
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: (f, s) =>
        {
            var cb = Path.Combine(f, "certbot");
            s["Tls:TrustedRootsPath"] = pebble.RootsPath;
            s["Tls:RenewCommand"] = $"REQUESTS_CA_BUNDLE='{pebble.ServerCaPath}' certbot certonly --non-interactive --agree-tos "
                + $"--register-unsafely-without-email --server {pebble.Directory} --standalone --http-01-address 127.0.0.1 "
                + $"--http-01-port {certbotPort} -d {TestCertificates.Host} --config-dir '{cb}/config' --work-dir '{cb}/work' --logs-dir '{cb}/logs' "
                + $"--deploy-hook 'cp \"$RENEWED_LINEAGE/privkey.pem\" \"{f}/privkey.pem\" && cp \"$RENEWED_LINEAGE/fullchain.pem\" \"{f}/fullchain.pem\"'";
        });
        await pebble.StartAsync(certbotPort);
        using var old = await TestCertificates.PresentedAsync(t.Https);

        var run = await t.Service<CertificateRenewer>().RenewAsync(new RenewalRequest("cli", false, null, "Console", AuditChannels.Cli));

        Assert.True(run.Outcome == RenewalOutcome.Renewed, run.Message + "\n" + t.App.ReadLogs()[^Math.Min(3000, t.App.ReadLogs().Length)..]);
        Assert.Equal("comando", run.Method);
        using var served = await TestCertificates.PresentedAsync(t.Https);
        Assert.Equal(run.NewThumbprint, served.Thumbprint);
        Assert.NotEqual(old.Thumbprint, served.Thumbprint);
        Assert.Contains("Pebble", served.Issuer);
    }
}

public sealed class CertbotRenewalTestsSqlite() : CertbotRenewalTests(DatabaseKind.Sqlite);
public sealed class CertbotRenewalTestsMySql() : CertbotRenewalTests(DatabaseKind.MySql);
