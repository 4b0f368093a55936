using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Ops.Certificates;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// /admin/certificados (operations.md §11): certificate in use, TLS mode, renewal history, "Verificar agora" and
/// "Renovar agora" (both audited; renewal runs in the background and lands in the history).
/// </summary>
[RequirePermission(Permissions.SystemHealth)]
public sealed class CertificatesModel(
    PortalDb db, TlsOptions options, CertificateStatus status, CertificateMonitor monitor, CertificateRenewer renewer,
    AuditLog audit, CurrentUser user, ILogger<CertificatesModel> log) : PageModel
{
    public TlsOptions Options => options;
    public CertificateStatus.Reading? Reading { get; private set; }
    public IReadOnlyList<CertificateRenewal> Renewals { get; private set; } = [];
    public bool Running => renewer.IsRunning;

    public async Task OnGetAsync()
    {
        // Show what the files say now, not only the last daily reading.
        Reading = status.Last is { } last && last.CheckedAt > DateTime.UtcNow.AddMinutes(-1) ? last : await ReadAsync();
        Renewals = await db.Set<CertificateRenewal>().AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync();
    }

    private async Task<CertificateStatus.Reading> ReadAsync()
    {
        var (details, error) = await monitor.ReadAsync(HttpContext.RequestAborted);
        var now = DateTime.UtcNow;
        return details is null
            ? new CertificateStatus.Reading(now, null, null, CertificateLevel.Unknown, error ?? "Nenhum certificado configurado.")
            : new CertificateStatus.Reading(now, details, details.DaysLeft(now), CertificateStatus.LevelFor(details.DaysLeft(now)), "");
    }

    public async Task<IActionResult> OnPostCheckAsync()
    {
        var reading = await monitor.CheckAsync(email: false, HttpContext.RequestAborted);
        audit.Record("certificate_checked", "Certificate", null, reading.Certificate?.Subject, reading.Message);
        await db.SaveChangesAsync();
        TempData.Toast(reading.Message, reading.Level switch { CertificateLevel.Ok => "success", CertificateLevel.Warning => "warning", _ => "danger" });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenewAsync()
    {
        if (renewer.IsRunning)
        {
            TempData.Toast("Uma renovação já está em andamento.", "warning");
            return RedirectToPage();
        }
        audit.Record("certificate_renewal_requested", "Certificate", null, null, "Renovação do certificado pedida em /admin/certificados");
        await db.SaveChangesAsync();
        var request = new RenewalRequest("manual", true, user.Id, User.Identity?.Name, AuditChannels.Web);
        _ = Task.Run(async () =>
        {
            try { await renewer.RenewAsync(request, CancellationToken.None); }
            catch (Exception ex) { log.LogError(ex, "Renovação em segundo plano falhou fora do registro"); }
        });
        TempData.Toast("Renovação iniciada. O resultado aparece no histórico abaixo.");
        return RedirectToPage();
    }

    public static string Badge(RenewalOutcome outcome) => outcome switch
    {
        RenewalOutcome.Renewed => "text-bg-success",
        RenewalOutcome.NotNeeded => "text-bg-secondary",
        RenewalOutcome.Running => "text-bg-info",
        _ => "text-bg-danger",
    };

    public static string LevelBadge(CertificateLevel level) => level switch
    {
        CertificateLevel.Ok => "text-bg-success",
        CertificateLevel.Warning => "text-bg-warning",
        CertificateLevel.Unknown => "text-bg-secondary",
        _ => "text-bg-danger",
    };

    public static string ModeLabel(TlsOptions o) => o.Mode switch
    {
        Portal.Platform.Configuration.TlsMode.Kestrel => "Kestrel (o portal atende HTTPS diretamente)",
        Portal.Platform.Configuration.TlsMode.Proxy => "Proxy (HTTPS no proxy reverso)",
        _ => "Nenhum (somente desenvolvimento)",
    };

    public static string MethodLabel(TlsOptions o) => o.Method switch
    {
        "acme" => $"ACME embutido ({o.AcmeDirectoryUrl})",
        "comando" => "comando externo (Tls:RenewCommand)",
        _ => "não configurada",
    };
}
