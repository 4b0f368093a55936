using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

public sealed record SectorRow(long Id, string Name, string? Description, string? Color, bool HasTaskBoard, bool IsActive, int SortOrder, int Members, int Grants);

/// <summary>"Setores" (identity.md §10): list and delete; create/edit is <see cref="SectorEditModel"/>.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class SectorsModel(PortalDb db, AuditLog audit) : PageModel
{
    public IReadOnlyList<SectorRow> Sectors { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Sectors = await db.Sectors.AsNoTracking()
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new SectorRow(s.Id, s.Name, s.Description, s.Color, s.HasTaskBoard, s.IsActive, s.SortOrder,
                s.Members.Count, db.PermissionGrants.Count(g => g.SectorId == s.Id)))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        var sector = await db.Sectors.FirstOrDefaultAsync(s => s.Id == id);
        if (sector is null) return NotFound();
        if (await SectorUsage.IsInUseAsync(db, id))
        {
            TempData.Toast(SectorUsage.InUseMessage, "danger");
            return RedirectToPage();
        }
        db.Sectors.Remove(sector);
        audit.Record("delete", "Sector", sector.Id, sector.Name, $"Setor {sector.Name} excluído", SectorEditModel.Describe(sector, null));
        await db.SaveChangesAsync();
        TempData.Toast("Setor excluído.");
        return RedirectToPage();
    }
}
