using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Authorization;

/// <summary>
/// Computes effective permissions from the database on every request, so role, sector and grant changes take effect
/// on the next request without re-login (identity.md §9). Never matches names.
/// </summary>
public sealed class PermissionService(PortalDb db)
{
    public async Task<PermissionSet> LoadAsync(long userId, CancellationToken ct = default)
    {
        var isAdministrator = await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.Role.IsAdministrator, ct);
        if (isAdministrator) return new PermissionSet(true, []);
        var codes = await db.PermissionGrants
            .Where(g => db.UserRoles.Any(ur => ur.UserId == userId && ur.RoleId == g.RoleId)
                     || db.SectorMemberships.Any(m => m.UserId == userId && m.SectorId == g.SectorId && m.Sector.IsActive))
            .Select(g => g.PermissionCode)
            .Distinct()
            .ToListAsync(ct);
        return new PermissionSet(false, codes.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Each effective permission with every origin that grants it (identity.md IDN-20).</summary>
    public async Task<IReadOnlyList<(PermissionInfo Permission, IReadOnlyList<PermissionOrigin> Origins)>> ExplainAsync(long userId, CancellationToken ct = default)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Select(ur => new { ur.RoleId, ur.Role.Name, ur.Role.IsAdministrator }).ToListAsync(ct);
        var roleIds = roles.Select(r => r.RoleId).ToList();
        var sectors = await db.SectorMemberships.Where(m => m.UserId == userId && m.Sector.IsActive)
            .Select(m => new { m.SectorId, m.Sector.Name }).ToListAsync(ct);
        var sectorIds = sectors.Select(s => s.SectorId).ToList();
        var grants = await db.PermissionGrants
            .Where(g => (g.RoleId != null && roleIds.Contains(g.RoleId.Value)) || (g.SectorId != null && sectorIds.Contains(g.SectorId.Value)))
            .Select(g => new { g.PermissionCode, g.RoleId, g.SectorId }).ToListAsync(ct);

        var admins = roles.Where(r => r.IsAdministrator).Select(r => new PermissionOrigin("role", r.RoleId, r.Name)).ToList();
        var result = new List<(PermissionInfo, IReadOnlyList<PermissionOrigin>)>();
        foreach (var permission in Permissions.All)
        {
            var origins = new List<PermissionOrigin>(admins);
            foreach (var g in grants.Where(g => g.PermissionCode == permission.Code))
            {
                origins.Add(g.RoleId is long rid
                    ? new PermissionOrigin("role", rid, roles.First(r => r.RoleId == rid).Name)
                    : new PermissionOrigin("sector", g.SectorId!.Value, sectors.First(s => s.SectorId == g.SectorId).Name));
            }
            if (origins.Count > 0) result.Add((permission, origins));
        }
        return result;
    }
}
