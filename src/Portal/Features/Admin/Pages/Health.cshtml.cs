using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Ops.Doctor;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// /admin/saude (operations.md §6.2/§6.3): the doctor's findings. GET shows them too (reading only), the
/// "Diagnóstico" button re-runs them on demand; the jobs table lives at /admin/saude/tarefas.
/// </summary>
[RequirePermission(Permissions.SystemHealth)]
public sealed class HealthModel(PortalDoctor doctor) : PageModel
{
    public IReadOnlyList<DoctorFinding> Findings { get; private set; } = [];
    public bool Diagnosed { get; private set; }

    public void OnGet() { }

    public async Task OnPostDiagnoseAsync()
    {
        Findings = await doctor.RunAsync(portalRunning: true, HttpContext.RequestAborted);
        Diagnosed = true;
    }

    public static string Badge(DoctorLevel level) => level switch
    {
        DoctorLevel.Ok => "text-bg-success",
        DoctorLevel.Warning => "text-bg-warning",
        _ => "text-bg-danger",
    };
}
