using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Lookups;
using Portal.Platform.Text;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>Edit one lookup value (platform.md §6); the code is shown but never changes.</summary>
public sealed class LookupValueEditModel(PortalDb db, CurrentUser currentUser, LookupService lookups) : PageModel
{
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string? Color { get; set; }
    [BindProperty] public string? SortOrder { get; set; }
    [BindProperty] public bool IsActive { get; set; }
    [BindProperty] public int Version { get; set; }

    public LookupList List { get; private set; } = null!;
    public string Code { get; private set; } = "";

    /// <summary>After a concurrency conflict: what this person had typed, per field whose current value differs.</summary>
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string key, long id)
    {
        var (value, refusal) = await FindAsync(key, id);
        if (value is null) return refusal!;
        Fill(value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, long id)
    {
        var (value, refusal) = await FindAsync(key, id);
        if (value is null) return refusal!;
        Code = value.Code;
        if (!LookupListAccess.TryParseOrder(SortOrder, out var order))
        {
            var errors = LookupService.ErrorsOf(new LookupValueInput(Label, Color, null));
            errors.Add(nameof(SortOrder), LookupListAccess.OrderMessage);
            ModelState.AddErrors(errors);
            return Page();
        }
        var result = await lookups.UpdateValueAsync(id, new LookupValueInput(Label, Color, order ?? 0, IsActive), Version);
        switch (result.Outcome)
        {
            case LookupOutcome.Saved:
                TempData.Toast("Alterações salvas.");
                return Redirect($"/admin/listas/{key}");
            case LookupOutcome.Invalid:
                ModelState.AddErrors(result.Errors!);
                return Page();
            case LookupOutcome.Conflict:
                ShowConflict(result.Value!);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<(LookupValue? Value, IActionResult? Refusal)> FindAsync(string key, long id)
    {
        var (list, refusal) = await LookupListAccess.ManagedAsync(db, currentUser, key);
        if (list is null) return (null, refusal);
        List = list;
        var value = await db.LookupValues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.ListId == list.Id);
        return value is null ? (null, NotFound()) : (value, null);
    }

    private void Fill(LookupValue value)
    {
        Code = value.Code;
        Label = value.Label;
        Color = value.Color;
        SortOrder = value.SortOrder.ToString(CultureInfo.InvariantCulture);
        IsActive = value.IsActive;
        Version = value.Version;
    }

    /// <summary>Shows the current values and notes what this person had typed where it differs (platform.md §2).</summary>
    private void ShowConflict(LookupValue current)
    {
        var posted = new Dictionary<string, string?>
        {
            [nameof(Label)] = TextNormalizer.Clean(Label), [nameof(Color)] = TextNormalizer.Clean(Color)?.ToLowerInvariant(),
            [nameof(SortOrder)] = TextNormalizer.Clean(SortOrder) ?? "0", [nameof(IsActive)] = EditConflict.YesNo(IsActive),
        };
        Fill(current);
        var stored = new Dictionary<string, string?>
        {
            [nameof(Label)] = current.Label, [nameof(Color)] = current.Color, [nameof(SortOrder)] = SortOrder, [nameof(IsActive)] = EditConflict.YesNo(current.IsActive),
        };
        foreach (var (field, typed) in EditConflict.Differences(posted, stored)) Conflicts[field] = typed;
        ModelState.Clear();
        ModelState.AddModelError("", EditConflict.Message);
    }
}
