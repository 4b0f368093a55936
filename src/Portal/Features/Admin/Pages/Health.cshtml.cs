using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Health;
using Portal.Platform.Jobs;
using Portal.Platform.Ops.Doctor;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// /admin/saude (operations.md §6.2/§6.3): the health snapshot (version, database, resources, streams, jobs with
/// "Executar agora", outbox, disks, certificate, backup, logs, recent errors) and the doctor's findings — all of
/// them, or one symptom group — on the "Diagnóstico" buttons.
/// </summary>
[RequirePermission(Permissions.SystemHealth)]
public sealed class HealthModel(PortalDoctor doctor, HealthReport report, PortalJobs jobs, PortalDb db, AuditLog audit, HealthIntegrations integrations) : PageModel
{
    public IReadOnlyList<IntegrationRow> Integrations { get; private set; } = [];

    public HealthSnapshot Snapshot { get; private set; } = null!;
    public IReadOnlyList<DoctorFinding> Findings { get; private set; } = [];
    public bool Diagnosed { get; private set; }
    public DoctorSymptom? Symptom { get; private set; }

    public async Task OnGetAsync()
    {
        Snapshot = await report.ReadAsync(HttpContext.RequestAborted);
        Integrations = await integrations.ReadAsync(HttpContext.RequestAborted);
    }

    public async Task OnPostDiagnoseAsync(string? sintoma)
    {
        Symptom = DoctorSymptoms.Parse(sintoma);
        Findings = await doctor.RunAsync(portalRunning: true, Symptom, HttpContext.RequestAborted);
        Diagnosed = true;
        await OnGetAsync();
    }

    public async Task<IActionResult> OnPostRunAsync(string key)
    {
        if (!await jobs.TriggerAuditedAsync(key, audit, db, HttpContext.RequestAborted)) return NotFound();
        TempData.Toast("Execução solicitada. Atualize a página para ver o resultado.");
        return RedirectToPage();
    }

    public static string Badge(DoctorLevel level) => level switch
    {
        DoctorLevel.Ok => "text-bg-success",
        DoctorLevel.Warning => "text-bg-warning",
        _ => "text-bg-danger",
    };

    public static string Badge(string level) => level switch
    {
        CheckLevel.Ok => "text-bg-success",
        CheckLevel.Warning => "text-bg-warning",
        _ => "text-bg-danger",
    };

    public static string LevelLabel(string level) => level switch
    {
        CheckLevel.Ok => "OK",
        CheckLevel.Warning => "ATENÇÃO",
        _ => "FALHA",
    };
}
