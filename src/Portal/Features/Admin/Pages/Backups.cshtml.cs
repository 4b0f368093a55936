using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// /admin/backups (operations.md §11): runs history, "Fazer backup agora" (runs in the background; the page polls
/// /admin/backups/progresso), verification of a stored archive and downloads (audited, BackupModule).
/// </summary>
[RequirePermission(Permissions.SystemBackup)]
public sealed class BackupsModel(PortalDb db, BackupService backups, BackupRestore restore, CurrentUser user) : PageModel
{
    public IReadOnlyList<BackupRun> Runs { get; private set; } = [];
    public BackupOptions Options => backups.Options;
    public string ScheduleLabel { get; private set; } = "";
    public bool Running => backups.IsRunning;

    public async Task OnGetAsync()
    {
        Runs = await db.Set<BackupRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(50).ToListAsync();
        try { ScheduleLabel = BackupOptions.ParseSchedule(Options.Schedule).Label; }
        catch (FormatException) { ScheduleLabel = $"inválida: {Options.Schedule}"; }
    }

    public bool FileExists(BackupRun run) => run.FileName is not null && System.IO.File.Exists(Path.Combine(Options.Path, run.FileName));

    public IActionResult OnPostRun()
    {
        var request = new BackupRequest("manual", user.Id, User.Identity?.Name, AuditChannels.Web);
        var started = backups.StartInBackground(request);
        // The page's script posts with Accept: application/json and then follows /admin/backups/progresso.
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
            return started ? new JsonResult(new { started = true }) : new JsonResult(new { started = false, message = BackupException.AlreadyRunning }) { StatusCode = 409 };
        TempData.Toast(started ? "Backup iniciado. Acompanhe o progresso abaixo." : BackupException.AlreadyRunning, started ? "success" : "warning");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostVerifyAsync(long id)
    {
        var run = await db.Set<BackupRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (run is null || !FileExists(run)) return NotFound();
        try
        {
            var report = await restore.VerifyAsync(Path.Combine(Options.Path, run.FileName!), Options.ArchivePassword, HttpContext.RequestAborted);
            TempData.Toast($"Arquivo {run.FileName} íntegro: {report.RowCounts.Count} tabelas, {report.RowCounts.Values.Sum()} linhas, hashes conferidos.");
        }
        catch (BackupException ex)
        {
            TempData.Toast($"Verificação de {run.FileName} falhou: {ex.Message}", "danger");
        }
        return RedirectToPage();
    }

    public static string Size(long? bytes) => bytes is null ? "" : bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.0} KB" : $"{bytes / 1024.0 / 1024.0:0.0} MB";

    public static string Badge(BackupRunStatus status) => status switch
    {
        BackupRunStatus.Succeeded => "text-bg-success",
        BackupRunStatus.SucceededWithWarnings => "text-bg-warning",
        BackupRunStatus.Running => "text-bg-info",
        _ => "text-bg-danger",
    };
}
