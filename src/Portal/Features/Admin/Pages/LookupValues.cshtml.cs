using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Lookups;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

public sealed record LookupValueRow(long Id, string Code, string Label, string? Color, int SortOrder, bool IsActive);

/// <summary>
/// Values of one lookup list (platform.md §6): add, deactivate/reactivate, delete unused. Guarded by the list's own
/// permission (<see cref="LookupListAccess"/>), not by a fixed page permission.
/// </summary>
public sealed class LookupValuesModel(PortalDb db, CurrentUser currentUser, LookupService lookups) : PageModel
{
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string? Color { get; set; }
    [BindProperty] public string? SortOrder { get; set; }

    public LookupList List { get; private set; } = null!;
    public IReadOnlyList<LookupValueRow> Values { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key)
    {
        var (list, refusal) = await LookupListAccess.ManagedAsync(db, currentUser, key);
        if (list is null) return refusal!;
        await LoadAsync(list);
        return Page();
    }

    /// <summary>Adds a value; its code comes from the label.</summary>
    public async Task<IActionResult> OnPostAsync(string key)
    {
        var (list, refusal) = await LookupListAccess.ManagedAsync(db, currentUser, key);
        if (list is null) return refusal!;
        if (!LookupListAccess.TryParseOrder(SortOrder, out var order))
        {
            var errors = LookupService.ErrorsOf(new LookupValueInput(Label, Color, null));
            errors.Add(nameof(SortOrder), LookupListAccess.OrderMessage);
            ModelState.AddErrors(errors);
            await LoadAsync(list);
            return Page();
        }
        var result = await lookups.AddValueAsync(key, new LookupValueInput(Label, Color, order));
        if (result.Outcome == LookupOutcome.Invalid)
        {
            ModelState.AddErrors(result.Errors!);
            await LoadAsync(list);
            return Page();
        }
        if (!result.Succeeded) return NotFound();
        TempData.Toast($"Valor {result.Value!.Label} adicionado.");
        return RedirectToPage(new { key });
    }

    public Task<IActionResult> OnPostDeactivateAsync(string key, long id) => SetActiveAsync(key, id, false);

    public Task<IActionResult> OnPostReactivateAsync(string key, long id) => SetActiveAsync(key, id, true);

    public async Task<IActionResult> OnPostDeleteAsync(string key, long id)
    {
        var refusal = await RefuseAsync(key, id);
        if (refusal is not null) return refusal;
        var result = await lookups.DeleteValueAsync(id);
        if (result.Outcome == LookupOutcome.NotFound) return NotFound();
        if (result.Outcome == LookupOutcome.InUse) TempData.Toast(result.Message!, "danger");
        else TempData.Toast("Valor excluído.");
        return RedirectToPage(new { key });
    }

    private async Task<IActionResult> SetActiveAsync(string key, long id, bool active)
    {
        var refusal = await RefuseAsync(key, id);
        if (refusal is not null) return refusal;
        var result = await lookups.SetActiveAsync(id, active);
        if (!result.Succeeded) return NotFound();
        TempData.Toast(active ? "Valor reativado." : "Valor desativado; não será mais oferecido em novos registros.");
        return RedirectToPage(new { key });
    }

    /// <summary>403/404 unless the value belongs to a list this person manages.</summary>
    private async Task<IActionResult?> RefuseAsync(string key, long id)
    {
        var (list, refusal) = await LookupListAccess.ManagedAsync(db, currentUser, key);
        if (list is null) return refusal;
        return await db.LookupValues.AnyAsync(v => v.Id == id && v.ListId == list.Id) ? null : NotFound();
    }

    private async Task LoadAsync(LookupList list)
    {
        List = list;
        Values = await db.LookupValues.AsNoTracking().Where(v => v.ListId == list.Id)
            .OrderByDescending(v => v.IsActive).ThenBy(v => v.SortOrder).ThenBy(v => v.Label)
            .Select(v => new LookupValueRow(v.Id, v.Code, v.Label, v.Color, v.SortOrder, v.IsActive))
            .ToListAsync();
    }
}
