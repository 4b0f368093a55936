using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Platform.Web;

/// <summary>Where a user lands after login and on "/" (platform.md §9).</summary>
public sealed class StartPages(PortalDb db, IEnumerable<MenuItem> menu, CurrentUser currentUser)
{
    public const string Home = "/inicio";

    public async Task<IReadOnlyList<MenuItem>> AccessibleAsync()
    {
        var permissions = await currentUser.GetPermissionsAsync();
        return menu.Where(m => m.Permission is null || permissions.Has(m.Permission)).OrderBy(m => m.Order).ToList();
    }

    /// <summary>The sidebar: accessible entries; someone with a single module (e.g. only the meeting room) sees just it (PLT-12).</summary>
    public async Task<IReadOnlyList<MenuItem>> MenuAsync()
    {
        var accessible = await AccessibleAsync();
        var modules = accessible.Where(m => m.Permission is not null).ToList();
        return modules.Count == 1 ? modules : accessible;
    }

    public async Task<string> ResolveAsync(long userId)
    {
        var accessible = await AccessibleAsync();
        bool Allowed(string? path) => path is not null && (path == Home || accessible.Any(m => m.IsStartPage && m.Path == path));

        var own = await db.Users.Where(u => u.Id == userId).Select(u => u.StartPage).FirstOrDefaultAsync();
        if (Allowed(own)) return own!;
        var roleStart = await db.UserRoles.Where(ur => ur.UserId == userId && ur.Role.StartPage != null)
            .OrderBy(ur => ur.Role.SortOrder).Select(ur => ur.Role.StartPage).FirstOrDefaultAsync();
        if (Allowed(roleStart)) return roleStart!;
        // Someone whose only module is, say, the meeting room lands on it rather than on an empty home.
        var modules = accessible.Where(m => m.Permission is not null && m.IsStartPage).ToList();
        return modules.Count == 1 ? modules[0].Path : Home;
    }
}
