using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Admin;

/// <summary>Who receives a permission grant: a role or a sector (identity.md §2 PermissionGrant).</summary>
public sealed record Grantee(bool IsRole, long Id, string Name)
{
    public static Grantee Of(Role role) => new(true, role.Id, role.Name);

    public static Grantee Of(Sector sector) => new(false, sector.Id, sector.Name);

    /// <summary>"Papel Gestor" / "Setor Fiscal" — the same wording as the effective-permissions origins.</summary>
    public string Label => IsRole ? $"Papel {Name}" : $"Setor {Name}";

    public string ResourceType => IsRole ? "Role" : "Sector";
}

/// <summary>
/// The one place that adds and removes grants, so the role form and the matrix write the same audit entries:
/// one per code, naming code and grantee; the actor comes from the request (identity.md §9, IDN-22).
/// </summary>
public static class GrantChanges
{
    public static Task<List<PermissionGrant>> CurrentAsync(PortalDb db, Grantee grantee) =>
        grantee.IsRole
            ? db.PermissionGrants.Where(g => g.RoleId == grantee.Id).ToListAsync()
            : db.PermissionGrants.Where(g => g.SectorId == grantee.Id).ToListAsync();

    public static void Add(PortalDb db, AuditLog audit, Grantee grantee, string code)
    {
        db.PermissionGrants.Add(new PermissionGrant
        {
            PermissionCode = code,
            RoleId = grantee.IsRole ? grantee.Id : null,
            SectorId = grantee.IsRole ? null : grantee.Id,
        });
        audit.Record("grant_added", grantee.ResourceType, grantee.Id, grantee.Label, $"{code} → {grantee.Label}",
            [new AuditChange("Permissão", null, code)]);
    }

    public static void Remove(PortalDb db, AuditLog audit, Grantee grantee, PermissionGrant grant)
    {
        db.PermissionGrants.Remove(grant);
        audit.Record("grant_removed", grantee.ResourceType, grantee.Id, grantee.Label, $"{grant.PermissionCode} → {grantee.Label}",
            [new AuditChange("Permissão", grant.PermissionCode, null)]);
    }
}
