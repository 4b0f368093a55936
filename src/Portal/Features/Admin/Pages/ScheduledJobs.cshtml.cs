using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Jobs;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// Scheduled jobs part of the health page (operations.md §6.2/§10): last run, duration, status, next run and
/// "Executar agora" (audited). Lives on its own route until /admin/saude exists, which can embed it.
/// </summary>
[RequirePermission(Permissions.SystemHealth)]
public sealed class ScheduledJobsModel(PortalDb db, PortalJobs jobs, AuditLog audit) : PageModel
{
    public IReadOnlyList<JobStatus> Jobs { get; private set; } = [];

    public async Task OnGetAsync() => Jobs = await jobs.StatusAsync(db, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRunAsync(string key)
    {
        if (!await jobs.TriggerAuditedAsync(key, audit, db, HttpContext.RequestAborted)) return NotFound();
        TempData.Toast("Execução solicitada. Atualize a página para ver o resultado.");
        return RedirectToPage();
    }

    public static string StatusLabel(JobRunStatus status) => status switch
    {
        JobRunStatus.Running => "Em execução",
        JobRunStatus.Succeeded => "Concluída",
        _ => "Falhou",
    };
}
