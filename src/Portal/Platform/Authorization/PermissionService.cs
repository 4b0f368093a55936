using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Authorization;

/// <summary>
/// Computes effective permissions from the database, so role, sector and grant changes take effect on the next request
/// without re-login (identity.md §9): per-request reads go through a cache keyed by the "access" change stamp, which
/// any write to those tables raises (ADR-015). Never matches names.
/// </summary>
public sealed class PermissionService(PortalDb db, StampedCache cache)
{
    /// <summary>The tables that decide a user's permissions, sectors and roles: a write to any of them refreshes every user's access.</summary>
    public static readonly ChangeGroup Tables = new("access", ["UserRoles", "Roles", "PermissionGrants", "SectorMemberships", "Sectors"]);

    // Writes through this process take effect on the next request (the stamp); the lifetime bounds how long a write made by
    // another instance or process can go unseen (ADR-015).
    private static readonly TimeSpan AccessLifetime = TimeSpan.FromSeconds(2);

    // Compiled: these run on nearly every request (pages and API), so EF's per-query translation cache lookup is skipped.
    private static readonly PerModel<Func<PortalDb, long, IAsyncEnumerable<string>>> GrantedCodes = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId) => ctx.PermissionGrants
            .Where(g => ctx.UserRoles.Any(ur => ur.UserId == userId && ur.RoleId == g.RoleId)
                     || ctx.SectorMemberships.Any(m => m.UserId == userId && m.SectorId == g.SectorId && m.Sector.IsActive))
            .Select(g => g.PermissionCode)
            .Distinct()));

    private static readonly PerModel<Func<PortalDb, long, IAsyncEnumerable<RoleOfUser>>> RolesOf = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId) => ctx.UserRoles.Where(ur => ur.UserId == userId)
            .Select(ur => new RoleOfUser(ur.RoleId, ur.Role.IsAdministrator))));

    private static readonly PerModel<Func<PortalDb, long, IAsyncEnumerable<long>>> ActiveSectorsOf = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId) => ctx.SectorMemberships.Where(m => m.UserId == userId && m.Sector.IsActive).Select(m => m.SectorId)));

    private sealed record RoleOfUser(long RoleId, bool IsAdministrator);

    /// <summary>Permissions, active sectors and roles of a user — what pages and API ask on every request — cached by the "access" stamp.</summary>
    public Task<UserAccess> AccessAsync(long userId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Tables.Name, userId.ToString(CultureInfo.InvariantCulture), AccessLifetime, () => ReadAccessAsync(userId, ct));

    private async Task<UserAccess> ReadAccessAsync(long userId, CancellationToken ct)
    {
        var roles = new List<RoleOfUser>();
        await foreach (var role in RolesOf.For(db)(db, userId).WithCancellation(ct)) roles.Add(role);
        var sectors = new HashSet<long>();
        await foreach (var sector in ActiveSectorsOf.For(db)(db, userId).WithCancellation(ct)) sectors.Add(sector);
        var permissions = roles.Any(r => r.IsAdministrator) ? PermissionSet.Administrator : await LoadGrantedAsync(userId, ct);
        return new UserAccess(permissions, sectors, roles.Select(r => r.RoleId).ToList());
    }

    public async Task<PermissionSet> LoadAsync(long userId, CancellationToken ct = default) => (await AccessAsync(userId, ct)).Permissions;

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

/// <summary>What a user may do and where they belong, as of one moment (shared between requests: never mutate).</summary>
public sealed record UserAccess(PermissionSet Permissions, IReadOnlySet<long> SectorIds, IReadOnlyList<long> RoleIds);
