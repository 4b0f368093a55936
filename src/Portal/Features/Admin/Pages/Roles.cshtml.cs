using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

public sealed record RoleRow(long Id, string Name, string? Description, bool IsAdministrator, string? StartPage, int SortOrder, int Members, int Grants);

/// <summary>"Papéis" (identity.md §10): list and delete; create/edit is <see cref="RoleEditModel"/>.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class RolesModel(PortalDb db, AuditLog audit) : PageModel
{
    public const string InUseMessage = "Papel em uso: remova os membros antes.";
    public const string AdministratorMessage = "O papel Administrador não pode ser excluído.";

    public IReadOnlyList<RoleRow> Roles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Roles = await db.Roles.AsNoTracking()
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .Select(r => new RoleRow(r.Id, r.Name, r.Description, r.IsAdministrator, r.StartPage, r.SortOrder,
                r.Members.Count, db.PermissionGrants.Count(g => g.RoleId == r.Id)))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id);
        if (role is null) return NotFound();
        if (role.IsAdministrator)
        {
            TempData.Toast(AdministratorMessage, "danger");
            return RedirectToPage();
        }
        if (await db.UserRoles.AnyAsync(ur => ur.RoleId == id))
        {
            TempData.Toast(InUseMessage, "danger");
            return RedirectToPage();
        }
        var codes = await db.PermissionGrants.Where(g => g.RoleId == id).Select(g => g.PermissionCode).ToListAsync();
        db.Roles.Remove(role); // its grants go with it (cascade)
        var changes = RoleEditModel.Describe(role, codes, null);
        audit.Record("delete", "Role", role.Id, role.Name, $"Papel {role.Name} excluído", changes);
        await db.SaveChangesAsync();
        TempData.Toast("Papel excluído.");
        return RedirectToPage();
    }
}
