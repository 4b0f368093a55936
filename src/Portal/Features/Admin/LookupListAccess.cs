using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Lookups;

namespace Portal.Features.Admin;

/// <summary>
/// Each lookup list is edited only by holders of its own <see cref="LookupList.ManagePermission"/> (platform.md §6),
/// so the list pages check it per request instead of with a fixed page permission.
/// </summary>
public static class LookupListAccess
{
    /// <summary>The list, or the response to send instead: 404 for an unknown key, 403 without its permission.</summary>
    public static async Task<(LookupList? List, IActionResult? Refusal)> ManagedAsync(PortalDb db, CurrentUser currentUser, string key)
    {
        var list = await db.LookupLists.AsNoTracking().FirstOrDefaultAsync(l => l.Key == key);
        if (list is null) return (null, new NotFoundResult());
        if (!await currentUser.HasAsync(list.ManagePermission)) return (null, new ForbidResult());
        return (list, null);
    }

    public static bool TryParseOrder(string? text, out int? order)
    {
        order = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)) return false;
        order = value;
        return true;
    }

    public const string OrderMessage = "Informe um número inteiro.";
}
