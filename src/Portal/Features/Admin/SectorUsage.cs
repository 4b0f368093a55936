using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Features.Admin;

/// <summary>
/// Whether a sector may still be deleted (identity.md §9: "Setor em uso; desative-o."). Every reference that blocks
/// deletion is listed here, in one place. The tasks and mural modules add their checks to <see cref="Checks"/> when
/// they arrive (tasks of the sector, announcement audiences).
/// </summary>
public static class SectorUsage
{
    public const string InUseMessage = "Setor em uso; desative-o.";

    private static readonly Func<PortalDb, long, Task<bool>>[] Checks =
    [
        (db, id) => db.PermissionGrants.AnyAsync(g => g.SectorId == id),
        (db, id) => db.SectorMemberships.AnyAsync(m => m.SectorId == id),
    ];

    public static async Task<bool> IsInUseAsync(PortalDb db, long sectorId)
    {
        foreach (var check in Checks)
            if (await check(db, sectorId)) return true;
        return false;
    }
}
