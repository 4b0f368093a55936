using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Features.Admin.Pages;

public sealed record LookupListRow(string Key, string Name, int Active, int Inactive);

/// <summary>"Listas" (platform.md §6): the lookup lists this person may manage, with their value counts.</summary>
[RequirePermission(Permissions.SettingsManage)]
public sealed class LookupListsModel(PortalDb db, CurrentUser currentUser) : PageModel
{
    public IReadOnlyList<LookupListRow> Lists { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var permissions = await currentUser.GetPermissionsAsync();
        var all = await db.LookupLists.AsNoTracking()
            .OrderBy(l => l.Name)
            .Select(l => new { l.Key, l.Name, l.ManagePermission, Active = l.Values.Count(v => v.IsActive), Inactive = l.Values.Count(v => !v.IsActive) })
            .ToListAsync();
        Lists = all.Where(l => permissions.Has(l.ManagePermission))
            .Select(l => new LookupListRow(l.Key, l.Name, l.Active, l.Inactive)).ToList();
    }
}
