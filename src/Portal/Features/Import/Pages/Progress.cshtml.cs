using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Ops.Import;

namespace Portal.Features.Import.Pages;

/// <summary>Progress of the running import (entity, rows done/total), then the report of what just finished: a dry
/// run's report lives only here (nothing was written), a real run links to its stored report and after-import page.</summary>
[RequirePermission(Permissions.SystemImport)]
public sealed class ProgressModel(ImportProgress progress) : PageModel
{
    public bool Running => progress.Running;
    public string Entity => progress.Entity;
    public int Done => progress.Done;
    public int Total => progress.Total;
    public ImportReport? Report => progress.LastReport;
    public long? RunId => progress.LastRunId;

    public void OnGet()
    {
    }
}
