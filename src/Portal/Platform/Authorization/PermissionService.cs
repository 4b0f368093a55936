using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Authorization;

/// <summary>
/// Computes effective permissions from the database on every request, so role, sector and grant changes take effect
/// on the next request without re-login (identity.md §9). Never matches names.
/// </summary>
public sealed class PermissionService(PortalDb db)
{
    // Compiled: these run on nearly every request (pages and API), so EF's per-query translation cache lookup is skipped.
    private static readonly PerModel<Func<PortalDb, long, CancellationToken, Task<bool>>> IsAdministrator = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId, CancellationToken ct) => ctx.UserRoles.Any(ur => ur.UserId == userId && ur.Role.IsAdministrator)));

    private static readonly PerModel<Func<PortalDb, long, IAsyncEnumerable<string>>> GrantedCodes = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId) => ctx.PermissionGrants
            .Where(g => ctx.UserRoles.Any(ur => ur.UserId == userId && ur.RoleId == g.RoleId)
                     || ctx.SectorMemberships.Any(m => m.UserId == userId && m.SectorId == g.SectorId && m.Sector.IsActive))
            .Select(g => g.PermissionCode)
            .Distinct()));

    public async Task<PermissionSet> LoadAsync(long userId, CancellationToken ct = default) =>
        await IsAdministrator.For(db)(db, userId, ct) ? PermissionSet.Administrator : await LoadGrantedAsync(userId, ct);

    /// <summary>The grants of a user already known not to be an administrator (e.g. from a query that read the roles).</summary>
    public async Task<PermissionSet> LoadGrantedAsync(long userId, CancellationToken ct = default)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var code in GrantedCodes.For(db)(db, userId).WithCancellation(ct)) codes.Add(code);
        return new PermissionSet(false, codes);
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
