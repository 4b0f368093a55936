using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Features.Admin.Pages;

public sealed record ExplainedPermission(PermissionInfo Permission, IReadOnlyList<PermissionOrigin> Origins);

public sealed record PermissionModule(string Name, IReadOnlyList<ExplainedPermission> Permissions);

/// <summary>"Permissões efetivas" (identity.md §10, IDN-20): every permission the user holds and where it comes from.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class UserPermissionsModel(PortalDb db, PermissionService permissions, AdministratorGate gate) : PageModel
{
    public long Id { get; private set; }
    public string FullName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool IsActive { get; private set; }
    public bool IsAdministrator { get; private set; }
    public bool MayEdit { get; private set; }
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<SectorTag> Sectors { get; private set; } = [];
    public IReadOnlyList<PermissionModule> Modules { get; private set; } = [];
    public int Count => Modules.Sum(m => m.Permissions.Count);

    public async Task<IActionResult> OnGetAsync([FromRoute] long id)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Id, u.FullName, u.Email, u.IsActive }).FirstOrDefaultAsync();
        if (user is null) return NotFound();
        (Id, FullName, Email, IsActive) = (user.Id, user.FullName, user.Email, user.IsActive);
        Roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == id).OrderBy(r => r.Role.SortOrder).ThenBy(r => r.Role.Name)
            .Select(r => r.Role.Name).ToListAsync();
        Sectors = await db.SectorMemberships.AsNoTracking().Where(m => m.UserId == id).OrderBy(m => m.Sector.SortOrder).ThenBy(m => m.Sector.Name)
            .Select(m => new SectorTag(m.Sector.Name, m.Sector.Color, m.Sector.IsActive)).ToListAsync();
        IsAdministrator = await gate.IsAdministratorAsync(id);
        MayEdit = await gate.MayActOnAsync(id);
        // ExplainAsync follows the catalog order, so grouping keeps modules and permissions in catalog order.
        Modules = (await permissions.ExplainAsync(id))
            .GroupBy(p => p.Permission.Module)
            .Select(g => new PermissionModule(g.Key, g.Select(p => new ExplainedPermission(p.Permission, p.Origins)).ToList()))
            .ToList();
        return Page();
    }
}
