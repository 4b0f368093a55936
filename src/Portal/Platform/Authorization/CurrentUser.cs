using System.Security.Claims;

namespace Portal.Platform.Authorization;

/// <summary>The signed-in user of this request with lazily loaded effective permissions.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, PermissionService permissions)
{
    private static readonly UserAccess Anonymous = new(PermissionSet.Empty, new HashSet<long>(), []);
    private UserAccess? _access;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public long Id => long.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : 0;

    public string Name => Principal?.FindFirstValue(ClaimTypes.Name) ?? "";

    /// <summary>The user's photo (identity.md §2) as of this request's session check.</summary>
    public Guid? PhotoFileId => Guid.TryParse(Principal?.FindFirstValue(PortalClaims.PhotoFileId), out var id) ? id : null;

    public long? SessionId => long.TryParse(Principal?.FindFirstValue(PortalClaims.SessionId), out var id) ? id : null;

    /// <summary>Permissions, active sectors and roles, taken once per request (boards, saved views and menus all ask).</summary>
    public async Task<UserAccess> GetAccessAsync(CancellationToken ct = default) =>
        !IsAuthenticated ? Anonymous : _access ??= await permissions.AccessAsync(Id, ct);

    public async Task<PermissionSet> GetPermissionsAsync() => (await GetAccessAsync()).Permissions;

    public async Task<bool> HasAsync(string code) => (await GetPermissionsAsync()).Has(code);

    public async Task<IReadOnlySet<long>> GetSectorIdsAsync(CancellationToken ct = default) => (await GetAccessAsync(ct)).SectorIds;
}

public static class PortalClaims
{
    public const string SessionId = "portal:sid";
    public const string AuthMethod = "portal:amr";
    public const string MustChangePassword = "portal:mcp";
    public const string PhotoFileId = "portal:photo";
}
