using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Ops.Certificates;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Certificates;

/// <summary>/admin/certificados (operations.md §11): system.health only; certificate in use, mode, history; audited actions.</summary>
public abstract class CertificatesPageTests(DatabaseKind provider)
{
    [Fact]
    public async Task Page_shows_the_certificate_and_history_and_its_actions_are_audited_and_need_system_health()
    {
        await using var t = await CertificateTestApp.StartAsync(provider, kestrel: false, days: 40.5, configure: (f, s) =>
            s["Tls:RenewCommand"] = "echo 'certbot: Challenge failed' >&2; exit 1");
        var users = new TestUsers(t.App);
        await users.EnsureAdministratorAsync();

        var gestor = await users.CreateAsync(roles: ["Gestor"]);
        using (var other = await users.LoginAsync(gestor))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/admin/certificados")).StatusCode);
            var token = await other.TokenFromAsync("/perfil");
            var post = await other.Http.PostAsync("/admin/certificados?handler=Renew", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        using (var anonymous = t.App.NewClient()) Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/certificados")).StatusCode);

        using var admin = await users.LoginAsync(users.Administrator);
        var (page, doc) = await admin.GetPageAsync("/admin/certificados");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var current = doc.QuerySelector("#certificate-current")!.TextContent;
        Assert.Contains(TestCertificates.Host, current);
        Assert.Contains("Portal Test CA", current);
        Assert.Equal("40", doc.QuerySelector("[data-days-left]")!.GetAttribute("data-days-left"));
        Assert.Contains("comando externo", doc.Body!.TextContent);
        Assert.Contains("Nenhuma renovação registrada", doc.QuerySelector("#certificate-renewals")!.TextContent);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostWithoutTokenAsync("/admin/certificados?handler=Check")).StatusCode); // antiforgery
        var check = await admin.PostFormAsync("/admin/certificados", "/admin/certificados?handler=Check", []);
        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
        var (_, afterCheck) = await admin.GetPageAsync("/admin/certificados");
        Assert.Contains("Certificado OK (40 dias restantes", afterCheck.Body!.TextContent);

        var renew = await admin.PostFormAsync("/admin/certificados", "/admin/certificados?handler=Renew", []);
        Assert.Equal(HttpStatusCode.Redirect, renew.StatusCode);
        CertificateRenewal? run = null;
        for (var i = 0; i < 200 && run is null; i++)
        {
            await Task.Delay(100);
            run = await t.App.WithDbAsync(db => db.Set<CertificateRenewal>().AsNoTracking().FirstOrDefaultAsync(r => r.Outcome != RenewalOutcome.Running));
        }
        Assert.NotNull(run);
        Assert.Equal(RenewalOutcome.Failed, run.Outcome); // forced renewal, the command fails
        Assert.Equal("manual", run.Trigger);
        var (_, afterRenew) = await admin.GetPageAsync("/admin/certificados");
        var row = afterRenew.QuerySelector($"tr[data-renewal-id='{run.Id}']")!;
        Assert.Contains("Falhou", row.TextContent);
        Assert.Contains("Challenge failed", row.TextContent);
        var actions = await t.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("certificate_")).Select(a => a.Action).ToListAsync());
        Assert.Contains("certificate_checked", actions);
        Assert.Contains("certificate_renewal_requested", actions);
        Assert.Contains("certificate_renewal_failed", actions);
    }
}

public sealed class CertificatesPageTestsSqlite() : CertificatesPageTests(DatabaseKind.Sqlite);
public sealed class CertificatesPageTestsMySql() : CertificatesPageTests(DatabaseKind.MySql);
