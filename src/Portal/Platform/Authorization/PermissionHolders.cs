using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Authorization;

/// <summary>
/// Who holds a permission, for modules that must name the audience of a notification (ADR-010): active users who are
/// Administrador or hold every code through a role grant or a grant to one of their active sectors.
/// </summary>
public static class PermissionHolders
{
    public static async Task<IReadOnlyCollection<long>> ActiveUsersAsync(PortalDb db, IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        var users = db.Users.Where(u => u.IsActive);
        var admins = await users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.Role.IsAdministrator)).Select(u => u.Id).ToListAsync(ct);
        var result = new HashSet<long>(admins);
        HashSet<long>? holders = null;
        foreach (var code in codes)
        {
            var ids = await users.Where(u =>
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.PermissionGrants.Any(g => g.RoleId == ur.RoleId && g.PermissionCode == code))
                    || db.SectorMemberships.Any(m => m.UserId == u.Id && m.Sector.IsActive
                        && db.PermissionGrants.Any(g => g.SectorId == m.SectorId && g.PermissionCode == code)))
                .Select(u => u.Id).ToListAsync(ct);
            if (holders is null) holders = [.. ids];
            else holders.IntersectWith(ids);
        }
        if (holders is not null) result.UnionWith(holders);
        return result;
    }
}
