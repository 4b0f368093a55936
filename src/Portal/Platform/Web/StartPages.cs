using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Platform.Web;

/// <summary>Where a user lands after login and on "/" (platform.md §9), and what the sidebar offers.</summary>
public sealed class StartPages(PortalDb db, IEnumerable<MenuItem> menu, CurrentUser currentUser, PermissionService permissionService)
{
    public const string Home = "/inicio";

    /// <summary>Menu entries the signed-in user may open.</summary>
    public async Task<IReadOnlyList<MenuItem>> AccessibleAsync() => Accessible(await currentUser.GetPermissionsAsync());

    /// <summary>The sidebar: accessible entries; someone with a single module (e.g. only the meeting room) sees just it (PLT-12).</summary>
    public async Task<IReadOnlyList<MenuItem>> MenuAsync()
    {
        var accessible = await AccessibleAsync();
        var modules = accessible.Where(m => m.Permission is not null).ToList();
        return modules.Count == 1 ? modules : accessible;
    }

    /// <summary>
    /// Own start page if still accessible; else the first role's (by role order); else the single module a user has;
    /// else Início. Takes the user id because right after login the request is not yet authenticated.
    /// </summary>
    public async Task<string> ResolveAsync(long userId)
    {
        var accessible = Accessible(await permissionService.LoadAsync(userId));
        bool Allowed(string? path) => path is not null && (path == Home || accessible.Any(m => m.IsStartPage && m.Path == path));

        var own = await db.Users.Where(u => u.Id == userId).Select(u => u.StartPage).FirstOrDefaultAsync();
        if (Allowed(own)) return own!;
        var roleStart = await db.UserRoles.Where(ur => ur.UserId == userId && ur.Role.StartPage != null)
            .OrderBy(ur => ur.Role.SortOrder).Select(ur => ur.Role.StartPage).FirstOrDefaultAsync();
        if (Allowed(roleStart)) return roleStart!;
        var modules = accessible.Where(m => m.Permission is not null && m.IsStartPage).ToList();
        return modules.Count == 1 ? modules[0].Path : Home;
    }

    private List<MenuItem> Accessible(PermissionSet permissions) =>
        menu.Where(m => m.VisibleTo(permissions)).OrderBy(m => m.Order).ToList();
}
