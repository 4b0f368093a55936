using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Ops.Certificates;

namespace Portal.Tests.Certificates;

/// <summary>
/// Monitoring (operations.md §5.2): days left of the certificate in use, system.certificate_expiring at &lt; 30 days
/// (warning, once per certificate) and &lt; 7 days (critical, once a day), e-mail from the daily run; the file or,
/// without one, the certificate the server presents.
/// </summary>
public abstract class CertificateMonitorTests(DatabaseKind provider)
{
    [Fact]
    public async Task Forty_twenty_and_five_days_left_give_ok_warning_and_critical()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: false, days: 40.5);
        var monitor = t.Service<CertificateMonitor>();

        var ok = await monitor.CheckAsync(email: true, CancellationToken.None);
        Assert.Equal(CertificateLevel.Ok, ok.Level);
        Assert.Equal(40, ok.DaysLeft);
        Assert.Contains("Certificado OK (40 dias restantes", ok.Message);
        Assert.Empty(t.Published.Of(CertificateAlerts.Expiring));
        Assert.Equal(40, t.Service<CertificateStatus>().Last!.DaysLeft);

        TestCertificates.Write(t.CertPath, t.KeyPath, t.Authority.Issue(20.5));
        var warning = await monitor.CheckAsync(email: true, CancellationToken.None);
        Assert.Equal(CertificateLevel.Warning, warning.Level);
        Assert.Equal(20, warning.DaysLeft);
        await monitor.CheckAsync(email: false, CancellationToken.None); // same certificate: no second warning
        var warnings = t.Published.Of(CertificateAlerts.Expiring);
        Assert.Single(warnings);
        Assert.Equal("warning", warnings[0].Facts["severity"]);
        Assert.Equal("/admin/certificados", warnings[0].Messages["default"].Link);
        Assert.Contains("menos de 30 dias", warnings[0].Messages["default"].Title);

        TestCertificates.Write(t.CertPath, t.KeyPath, t.Authority.Issue(5.5));
        var critical = await monitor.CheckAsync(email: true, CancellationToken.None);
        Assert.Equal(CertificateLevel.Critical, critical.Level);
        Assert.Equal(5, critical.DaysLeft);
        var criticals = t.Published.Of(CertificateAlerts.Expiring).Where(e => e.Facts["severity"] == "critical").ToList();
        Assert.Single(criticals);
        Assert.EndsWith(Portal.Platform.Time.SaoPaulo.Today(TimeProvider.System).ToString("yyyy-MM-dd"), criticals[0].EventKey); // one per day

        var emails = await t.App.WithDbAsync(db => db.Set<OutboxEmail>().AsNoTracking().Where(e => e.Kind == "certificate").ToListAsync());
        Assert.Equal(2, emails.Count); // warning and critical of the e-mailing runs; the OK run sends nothing
        Assert.All(emails, e => Assert.Contains("ti@escritorio.test", e.ToAddress));
    }

    [Fact]
    public async Task Without_a_file_the_monitor_reads_the_certificate_presented_by_the_server()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 12.5);
        var presented = await TestCertificates.PresentedAsync(t.Https);
        await using var remote = await CertificateTestApp.StartAsync(provider, kestrel: false, days: 80, configure: (_, s) =>
        {
            s["Tls:CertificatePath"] = null;
            s["Tls:KeyPath"] = null;
            s["Portal:PublicUrl"] = "https://portal.test/";
            s["Tls:SelfTestUrl"] = $"https://127.0.0.1:{t.Https.Port}/";
        });
        var reading = await remote.Service<CertificateMonitor>().CheckAsync(email: false, CancellationToken.None);
        Assert.Equal(presented.Thumbprint, reading.Certificate!.Thumbprint);
        Assert.Equal(12, reading.DaysLeft);
        Assert.Equal(CertificateLevel.Warning, reading.Level);
    }

    [Fact]
    public async Task An_unreadable_file_is_reported_not_thrown()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: false, days: 40);
        await File.WriteAllTextAsync(t.CertPath, "isto não é um certificado");
        var reading = await t.Service<CertificateMonitor>().CheckAsync(email: false, CancellationToken.None);
        Assert.Equal(CertificateLevel.Unknown, reading.Level);
        Assert.Contains("ilegível", reading.Message);
    }
}

public sealed class CertificateMonitorTestsSqlite() : CertificateMonitorTests(DatabaseKind.Sqlite);
public sealed class CertificateMonitorTestsMySql() : CertificateMonitorTests(DatabaseKind.MySql);
