using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Authorization;

/// <summary>The signed-in user of this request with lazily loaded effective permissions.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, PermissionService permissions, PortalDb db)
{
    private PermissionSet? _permissions;
    private IReadOnlySet<long>? _sectorIds;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public long Id => long.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : 0;

    public string Name => Principal?.FindFirstValue(ClaimTypes.Name) ?? "";

    /// <summary>The user's photo (identity.md §2) as of this request's session check.</summary>
    public Guid? PhotoFileId => Guid.TryParse(Principal?.FindFirstValue(PortalClaims.PhotoFileId), out var id) ? id : null;

    public long? SessionId => long.TryParse(Principal?.FindFirstValue(PortalClaims.SessionId), out var id) ? id : null;

    public async Task<PermissionSet> GetPermissionsAsync() =>
        !IsAuthenticated ? PermissionSet.Empty : _permissions ??= await permissions.LoadAsync(Id);

    public async Task<bool> HasAsync(string code) => (await GetPermissionsAsync()).Has(code);

    /// <summary>The user's active sectors, read once per request (boards, saved views and menus all ask).</summary>
    public async Task<IReadOnlySet<long>> GetSectorIdsAsync(CancellationToken ct = default) =>
        !IsAuthenticated ? new HashSet<long>() : _sectorIds ??= (await db.SectorMemberships
            .Where(m => m.UserId == Id && m.Sector.IsActive).Select(m => m.SectorId).ToListAsync(ct)).ToHashSet();
}

public static class PortalClaims
{
    public const string SessionId = "portal:sid";
    public const string AuthMethod = "portal:amr";
    public const string MustChangePassword = "portal:mcp";
    public const string PhotoFileId = "portal:photo";
}
