using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Features.Admin.Pages;

/// <summary>One audit entry with its field diff (operations.md §7.2). GET only: entries are never edited or deleted.</summary>
[RequirePermission(Permissions.AuditView)]
[ReadOnlyPage]
public sealed class AuditEntryDetailModel(PortalDb db, CurrentUser currentUser) : PageModel
{
    public AuditEntry Entry { get; private set; } = null!;
    public IReadOnlyList<AuditChange> Changes { get; private set; } = [];
    public bool Hidden { get; private set; }

    public string BackLink => "/admin/auditoria" + Request.QueryString;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (entry is null) return NotFound();
        Entry = entry;
        Hidden = entry.IsRestricted && !await currentUser.HasAsync("diretoria.hr");
        Changes = Hidden ? [] : AuditLog.ParseChanges(entry.ChangesJson);
        return Page();
    }
}
