using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Platform.Views;

/// <summary>
/// The saved-view part of every list page, so page handlers stay one line: applying the default view on open, building
/// the panel, and the POSTs of <c>_SavedViews.cshtml</c> (form fields viewName, viewDefault, viewRole, viewId).
/// Validation errors travel in TempData across the redirect back to the list, which shows them in the save form.
/// </summary>
public sealed class SavedViewHandlers(SavedViews views, PortalDb db)
{
    /// <summary><c>?view=padrao</c>: the module default on purpose, so opening it does not apply the user's default view.</summary>
    public const string ModuleDefault = "padrao";

    private const string ErrorKey = "savedview.error";
    private const string NameKey = "savedview.name";
    private const string DefaultKey = "savedview.default";

    public static string Link(string path, string query, string? view)
    {
        var parts = new List<string>(2);
        if (query.Length > 0) parts.Add(query);
        if (view is not null) parts.Add("view=" + Uri.EscapeDataString(view));
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }

    /// <summary>
    /// On a bare open of the list (no query string at all) redirects to the default view's filters. The target always
    /// carries <c>view=</c>, so it can never redirect again. The panel lists every view that could be this user's
    /// default (own, role's, sector's): without one marked default there is nothing to resolve.
    /// </summary>
    public async Task<IActionResult?> ApplyDefaultAsync(PageModel page, SavedViewsPanel panel)
    {
        if (page.Request.QueryString.HasValue || !panel.Views.Any(v => v.IsDefault)) return null;
        var list = panel.List;
        var view = await views.ResolveDefaultAsync(list.Key);
        return view is null ? null : new RedirectResult(Link(list.Path, view.Query, view.Id.ToString(CultureInfo.InvariantCulture)));
    }

    public async Task<SavedViewsPanel> PanelAsync(PageModel page, SavedViewList list)
    {
        var shareRoles = await views.CanShareAsync(list)
            ? await db.Roles.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
                .Select(r => new SavedViewRoleOption(r.Id, r.Name)).ToListAsync()
            : [];
        return new SavedViewsPanel
        {
            List = list,
            Views = await views.ListAsync(list),
            Query = SavedViews.CleanQuery(page.Request.Query),
            ActiveViewId = long.TryParse(page.Request.Query["view"], CultureInfo.InvariantCulture, out var id) ? id : null,
            ShareRoles = shareRoles,
            Error = page.TempData[ErrorKey] as string,
            AttemptedName = page.TempData[NameKey] as string,
            AttemptedDefault = page.TempData[DefaultKey] is true,
        };
    }

    public async Task<IActionResult> SaveAsync(PageModel page, SavedViewList list)
    {
        var form = await page.Request.ReadFormAsync();
        var name = (string?)form["viewName"];
        var isDefault = form["viewDefault"].Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));
        long? roleId = long.TryParse(form["viewRole"], CultureInfo.InvariantCulture, out var r) ? r : null;
        if (roleId is not null && !await views.CanShareAsync(list)) return new ForbidResult();

        var query = SavedViews.CleanQuery(page.Request.Query);
        var result = await views.SaveAsync(list, new SaveViewInput(name, query, isDefault, roleId));
        if (result.View is null)
        {
            page.TempData[ErrorKey] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
            page.TempData[NameKey] = name is { Length: > 200 } ? name[..200] : name;
            page.TempData[DefaultKey] = isDefault;
            return new RedirectResult(Back(list, query));
        }
        page.TempData.Toast(isDefault ? "Visualização salva e definida como padrão." : "Visualização salva.");
        return new RedirectResult(Link(list.Path, query, result.View.Id.ToString(CultureInfo.InvariantCulture)));
    }

    public async Task<IActionResult> DeleteAsync(PageModel page, SavedViewList list)
    {
        if (await ViewIdAsync(page) is not long id || !await views.DeleteAsync(list, id)) return new NotFoundResult();
        page.TempData.Toast("Visualização excluída.");
        return new RedirectResult(Back(list, SavedViews.CleanQuery(page.Request.Query)));
    }

    public async Task<IActionResult> MakeDefaultAsync(PageModel page, SavedViewList list)
    {
        if (await ViewIdAsync(page) is not long id || !await views.SetDefaultAsync(list, id)) return new NotFoundResult();
        page.TempData.Toast("Visualização definida como padrão.");
        return new RedirectResult(Back(list, SavedViews.CleanQuery(page.Request.Query)));
    }

    /// <summary>
    /// "Restaurar padrão": clears the user's default and shows the module default. The bare address is used when
    /// nothing else would apply; with a role's shared default it would re-apply that one, so the marker is kept.
    /// </summary>
    public async Task<IActionResult> ResetAsync(PageModel page, SavedViewList list)
    {
        await views.ResetDefaultAsync(list);
        page.TempData.Toast("Padrão da lista restaurado.");
        return new RedirectResult(await views.ResolveDefaultAsync(list.Key) is null ? list.Path : Link(list.Path, "", ModuleDefault));
    }

    /// <summary>Back to the filters the user was on; an empty filter set is the module default, said explicitly.</summary>
    private static string Back(SavedViewList list, string query) =>
        Link(list.Path, query, query.Length == 0 ? ModuleDefault : null);

    private static async Task<long?> ViewIdAsync(PageModel page)
    {
        var form = await page.Request.ReadFormAsync();
        return long.TryParse(form["viewId"], CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
