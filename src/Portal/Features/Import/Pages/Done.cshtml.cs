using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Ops.Import;

namespace Portal.Features.Import.Pages;

/// <summary>After import (operations.md §9.1 step 6): sign in with e-mail, users without a valid e-mail, Google
/// callback address, and the warnings to review.</summary>
[RequirePermission(Permissions.SystemImport)]
public sealed class DoneModel(PortalDb db, IConfiguration configuration) : PageModel
{
    public LegacyImportRun Run { get; private set; } = null!;
    public ImportReport Report { get; private set; } = null!;
    public string GoogleCallback { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var run = await db.LegacyImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return NotFound();
        Run = run;
        Report = JsonSerializer.Deserialize<ImportReport>(run.ReportJson) ?? new ImportReport();
        GoogleCallback = (configuration["Portal:PublicUrl"] ?? $"{Request.Scheme}://{Request.Host}").TrimEnd('/') + "/google/callback";
        return Page();
    }
}
