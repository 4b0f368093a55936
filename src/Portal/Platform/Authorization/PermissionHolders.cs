using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Authorization;

/// <summary>
/// Who holds a permission, for modules that must name the audience of a notification or a live event (ADR-010):
/// active users who are Administrador or hold the code through a role grant or a grant to one of their active sectors.
/// </summary>
public static class PermissionHolders
{
    public static IQueryable<long> Of(PortalDb db, string code) =>
        db.Users.Where(u => u.IsActive
                && (db.UserRoles.Any(ur => ur.UserId == u.Id
                        && (ur.Role.IsAdministrator || db.PermissionGrants.Any(g => g.RoleId == ur.RoleId && g.PermissionCode == code)))
                    || db.SectorMemberships.Any(m => m.UserId == u.Id && m.Sector.IsActive
                        && db.PermissionGrants.Any(g => g.SectorId == m.SectorId && g.PermissionCode == code))))
            .Select(u => u.Id);

    /// <summary>Active users holding every one of <paramref name="codes"/>.</summary>
    public static async Task<IReadOnlyCollection<long>> ActiveUsersAsync(PortalDb db, IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        HashSet<long>? holders = null;
        foreach (var code in codes)
        {
            var ids = await Of(db, code).ToListAsync(ct);
            if (holders is null) holders = [.. ids];
            else holders.IntersectWith(ids);
        }
        return (IReadOnlyCollection<long>?)holders ?? [];
    }
}
