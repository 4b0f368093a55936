using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Ops.Certificates;

namespace Portal.Tests.Certificates;

/// <summary>
/// Renewal (operations.md §5.3, OPS-12) in command mode on a Kestrel-mode portal: the RenewCommand is a script that
/// puts a new certificate (signed by the test CA) in place. 40 days → "Certificado OK", nothing run; 20 days →
/// renewed, served on new handshakes, previous files kept, audited; a failing command → alert, old certificate still
/// served; a new certificate that fails the self-test → rollback, "Renovação revertida".
/// </summary>
public abstract class CertificateRenewalTests(DatabaseKind provider)
{
    private static readonly RenewalRequest Scheduled = new("agendado", false, null, "Portal (tarefa agendada)", AuditChannels.Job);

    /// <summary>The command copies staged files over the configured ones (key first), like certbot's deploy hook.</summary>
    private static void UseStagingCommand(string folder, Dictionary<string, string?> s, string? extra = null)
    {
        var staged = Path.Combine(folder, "staged");
        s["Tls:RenewCommand"] = $"echo renovando; cp '{staged}/privkey.pem' '{folder}/privkey.pem' && cp '{staged}/fullchain.pem' '{folder}/fullchain.pem'{extra}";
    }

    private static void Stage(CertificateTestApp t, (string ChainPem, string KeyPem, string Thumbprint) cert) =>
        TestCertificates.Write(Path.Combine(t.Folder, "staged", "fullchain.pem"), Path.Combine(t.Folder, "staged", "privkey.pem"), cert);

    [Fact]
    public async Task Forty_days_left_is_ok_and_nothing_is_renewed()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 40.5, configure: (f, s) => UseStagingCommand(f, s));
        Stage(t, t.Authority.Issue(90));
        using var before = await TestCertificates.PresentedAsync(t.Https);

        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);

        Assert.Equal(RenewalOutcome.NotNeeded, run.Outcome);
        Assert.Equal("Certificado OK (40 dias restantes).", run.Message);
        Assert.Equal(40, run.DaysLeftBefore);
        Assert.DoesNotContain("renovando", t.App.ReadLogs());
        using var after = await TestCertificates.PresentedAsync(t.Https);
        Assert.Equal(before.Thumbprint, after.Thumbprint);
        Assert.False(Directory.Exists(Path.Combine(t.App.DataPath, "certificates", "previous")));
        var stored = await t.App.WithDbAsync(db => db.Set<CertificateRenewal>().AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(RenewalOutcome.NotNeeded, stored.Outcome);
        Assert.NotNull(stored.EndedAt);
    }

    [Fact]
    public async Task Twenty_days_left_renews_activates_keeps_previous_files_and_audits()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: (f, s) => UseStagingCommand(f, s));
        var oldChain = await File.ReadAllTextAsync(t.CertPath);
        using var old = await TestCertificates.PresentedAsync(t.Https);
        var next = t.Authority.Issue(90);
        Stage(t, next);

        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);

        Assert.Equal(RenewalOutcome.Renewed, run.Outcome);
        Assert.StartsWith("Renovação OK — válido até ", run.Message);
        Assert.Contains("próxima renovação prevista em", run.Message);
        Assert.Equal(old.Thumbprint, run.PreviousThumbprint);
        Assert.Equal(next.Thumbprint, run.NewThumbprint);
        using (var served = await TestCertificates.PresentedAsync(t.Https)) Assert.Equal(next.Thumbprint, served.Thumbprint);
        var previous = Directory.GetDirectories(Path.Combine(t.App.DataPath, "certificates", "previous")).Single();
        Assert.Equal(oldChain, await File.ReadAllTextAsync(Path.Combine(previous, "fullchain.pem")));
        Assert.True(File.Exists(Path.Combine(previous, "privkey.pem")));
        Assert.Contains("renovando", t.App.ReadLogs()); // command output captured in the log
        Assert.True(await t.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "certificate_renewed" && a.ResourceId == run.Id.ToString())));
        Assert.Empty(t.Published.Of(CertificateAlerts.RenewalFailed));
    }

    [Fact]
    public async Task A_failing_command_alerts_and_the_old_certificate_stays_in_service()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: (f, s) =>
            s["Tls:RenewCommand"] = $"cp /dev/null '{f}/fullchain.pem'; echo 'Challenge failed for domain portal.test' >&2; exit 1");
        using var old = await TestCertificates.PresentedAsync(t.Https);
        var oldChain = await File.ReadAllTextAsync(t.CertPath);

        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);

        Assert.Equal(RenewalOutcome.Failed, run.Outcome);
        Assert.Contains("código 1", run.Message);
        Assert.Contains("o DNS não aponta para este servidor", run.Message);
        Assert.Contains("Challenge failed", run.Message);
        Assert.Contains("continua em uso", run.Message);
        Assert.Equal(oldChain, await File.ReadAllTextAsync(t.CertPath)); // the emptied file was put back
        using (var served = await TestCertificates.PresentedAsync(t.Https)) Assert.Equal(old.Thumbprint, served.Thumbprint);
        var alert = Assert.Single(t.Published.Of(CertificateAlerts.RenewalFailed));
        Assert.Equal("Renovação do certificado falhou", alert.Messages["default"].Title);
        Assert.True(await t.App.WithDbAsync(db => db.Set<Portal.Platform.Email.OutboxEmail>().AnyAsync(e => e.Kind == "certificate" && e.Subject.Contains("falhou"))));
    }

    [Fact]
    public async Task A_certificate_that_does_not_cover_the_host_names_is_refused()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: (f, s) => UseStagingCommand(f, s));
        using var old = await TestCertificates.PresentedAsync(t.Https);
        Stage(t, t.Authority.Issue(90, "outro.test"));

        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);

        Assert.Equal(RenewalOutcome.Failed, run.Outcome);
        Assert.Contains("não cobre portal.test", run.Message);
        using (var served = await TestCertificates.PresentedAsync(t.Https)) Assert.Equal(old.Thumbprint, served.Thumbprint);
    }

    [Fact]
    public async Task A_new_certificate_failing_the_self_test_is_rolled_back()
    {
        // The self-test looks at an address that never presents the new certificate (a closed port).
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: true, days: 20.5, configure: (f, s) =>
        {
            UseStagingCommand(f, s);
            s["Tls:SelfTestUrl"] = "https://127.0.0.1:9/";
            s["Tls:SelfTestSeconds"] = "2";
        });
        using var old = await TestCertificates.PresentedAsync(t.Https);
        var oldChain = await File.ReadAllTextAsync(t.CertPath);
        Stage(t, t.Authority.Issue(90));

        var run = await t.Service<CertificateRenewer>().RenewAsync(new RenewalRequest("manual", true, null, "Admin", AuditChannels.Web));

        Assert.Equal(RenewalOutcome.RolledBack, run.Outcome);
        Assert.StartsWith("Renovação revertida: autoteste falhou", run.Message);
        Assert.Equal(oldChain, await File.ReadAllTextAsync(t.CertPath));
        Assert.Equal(old.Thumbprint, await TestCertificates.WaitForAsync(t.Https, old.Thumbprint));
        var alert = Assert.Single(t.Published.Of(CertificateAlerts.RenewalFailed));
        Assert.Equal("Renovação revertida", alert.Messages["default"].Title);
        Assert.True(await t.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "certificate_renewal_failed")));
    }

    [Fact]
    public async Task Without_a_renewal_method_a_due_certificate_fails_with_the_setting_to_fix()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: false, days: 10.5);
        var run = await t.Service<CertificateRenewer>().RenewAsync(Scheduled);
        Assert.Equal(RenewalOutcome.Failed, run.Outcome);
        Assert.Contains("Tls:RenewCommand", run.Message);
    }
}

public sealed class CertificateRenewalTestsSqlite() : CertificateRenewalTests(DatabaseKind.Sqlite);
public sealed class CertificateRenewalTestsMySql() : CertificateRenewalTests(DatabaseKind.MySql);
