using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Views;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// Saved views of the audit log. They post here rather than to /admin/auditoria, which stays GET-only at routing level
/// (<see cref="ReadOnlyPageAttribute"/>): no POST ever reaches the log's own page.
/// </summary>
[RequirePermission(Permissions.AuditView)]
public sealed class AuditViewsModel(SavedViewHandlers savedViews) : PageModel
{
    public const string Path = "/admin/auditoria/visualizacoes";

    public IActionResult OnGet() => Redirect(AuditEntriesModel.ViewList.Path);

    /// <summary>A POST naming no saved-view action has nothing to do here (and must not render an empty page).</summary>
    public IActionResult OnPost() => NotFound();

    public Task<IActionResult> OnPostSaveViewAsync() => savedViews.SaveAsync(this, AuditEntriesModel.ViewList);

    public Task<IActionResult> OnPostDeleteViewAsync() => savedViews.DeleteAsync(this, AuditEntriesModel.ViewList);

    public Task<IActionResult> OnPostDefaultViewAsync() => savedViews.MakeDefaultAsync(this, AuditEntriesModel.ViewList);

    public Task<IActionResult> OnPostResetViewAsync() => savedViews.ResetAsync(this, AuditEntriesModel.ViewList);
}
