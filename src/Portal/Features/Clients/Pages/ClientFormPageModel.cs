using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Lookups;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

public sealed record ParentOption(long Id, string Label, string Root);

/// <summary>Shared by "Novo cliente" and "Editar cliente": the form's options, its errors and the conflict notes.</summary>
public abstract class ClientFormPageModel(PortalDb db, CurrentUser currentUser) : PageModel
{
    [BindProperty] public ClientInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public long? Id { get; protected set; }
    public FieldErrors Errors { get; private set; } = new();
    /// <summary>After a concurrency conflict: what this person had typed, per field whose current value differs.</summary>
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<LookupOption> SystemOptions { get; private set; } = [];
    public IReadOnlyList<ParentOption> ParentOptions { get; private set; } = [];
    public bool LookupAllowed { get; private set; }

    public string Invalid(string field) => Errors.ContainsKey(field) || Conflicts.ContainsKey(field) ? " is-invalid" : "";

    public string? Error(string field) => Errors.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    public FieldFeedback Feedback(string field) => new(field, Error(field), Conflicts.GetValueOrDefault(field));

    protected async Task LoadOptionsAsync()
    {
        var selected = Input.SystemIds;
        SystemOptions = await db.LookupValues.AsNoTracking()
            .Where(v => v.List.Key == DepartmentOptions.SystemsListKey && (v.IsActive || selected.Contains(v.Id)))
            .OrderBy(v => v.SortOrder).ThenBy(v => v.Label)
            .Select(v => new LookupOption(v.Id, v.Code, v.IsActive ? v.Label : v.Label + " (inativo)", v.Color)).ToListAsync();
        var self = Id ?? 0;
        var parent = Input.ParentClientId;
        ParentOptions = (await db.Clients().AsNoTracking()
            .Where(c => c.Id != self && c.EstablishmentType == EstablishmentType.Matriz && c.DocumentType == ClientDocumentType.CNPJ
                && (c.IsActive || c.Id == parent))
            .OrderBy(c => c.NameNormalized)
            .Select(c => new { c.Id, c.Code, c.Name, c.Document }).ToListAsync())
            .Select(c => new ParentOption(c.Id, $"{c.Code} – {c.Name} ({Documents.Format(c.Document)})", c.Document[..8])).ToList();
        LookupAllowed = await currentUser.HasAsync(ClientPermissions.Create) || await currentUser.HasAsync(ClientPermissions.Edit);
    }

    protected void ShowErrors(FieldErrors errors)
    {
        Errors = errors;
        ModelState.Clear();
        ModelState.AddModelError("", "Corrija os campos destacados.");
    }

    /// <summary>platform.md §2: the stored values replace the form, and each field that differs notes what was typed.</summary>
    protected void ShowConflict(Client current)
    {
        var posted = Flatten(Input);
        Input = ClientService.ToInput(current);
        Version = current.Version;
        foreach (var (field, typed) in EditConflict.Differences(posted, Flatten(Input))) Conflicts[field] = typed;
        ModelState.Clear();
        ModelState.AddModelError("", EditConflict.Message);
    }

    private static Dictionary<string, string?> Flatten(ClientInput i) => new()
    {
        [nameof(i.Document)] = Documents.Clean(i.Document), [nameof(i.Code)] = i.Code?.Trim(), [nameof(i.Name)] = i.Name?.Trim(),
        [nameof(i.TradeName)] = Clean(i.TradeName), [nameof(i.OpeningDate)] = Clean(i.OpeningDate),
        [nameof(i.EstablishmentType)] = Clean(i.EstablishmentType), [nameof(i.ParentClientId)] = i.ParentClientId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(i.TaxRegime)] = Clean(i.TaxRegime),
        ["Bookkeeping"] = ClientLabels.Bookkeeping(i.BookkeepingCash, i.BookkeepingAccrual),
        [nameof(i.MainActivityCode)] = Clean(i.MainActivityCode), [nameof(i.MainActivity)] = Clean(i.MainActivity),
        [nameof(i.ClientSystem)] = Clean(i.ClientSystem), [nameof(i.SystemIds)] = string.Join(",", i.SystemIds.Order()),
        [nameof(i.Street)] = Clean(i.Street), [nameof(i.Number)] = Clean(i.Number), [nameof(i.Complement)] = Clean(i.Complement),
        [nameof(i.District)] = Clean(i.District), [nameof(i.City)] = Clean(i.City), [nameof(i.State)] = Clean(i.State)?.ToUpperInvariant(),
        [nameof(i.PostalCode)] = Documents.Digits(i.PostalCode) is { Length: > 0 } cep ? cep : null,
        [nameof(i.Phone)] = BrazilianFormats.NormalizePhone(i.Phone) ?? Clean(i.Phone), [nameof(i.Email)] = Clean(i.Email)?.ToLowerInvariant(),
        [nameof(i.CredentialsNotes)] = Clean(i.CredentialsNotes), [nameof(i.Notes)] = Clean(i.Notes),
        [nameof(i.IsActive)] = EditConflict.YesNo(i.IsActive),
        [nameof(i.Partners)] = string.Join("; ", i.Partners.Select(p => $"{p.Name?.Trim()}{(p.IsAdministrator ? " (adm.)" : "")}")),
        [nameof(i.Contacts)] = string.Join("; ", i.Contacts.Select(c => c.Name?.Trim())),
    };

    private static string? Clean(string? value) => Portal.Platform.Text.TextNormalizer.Clean(value);

    protected async Task<bool> CanSeeDuplicatesAsync() => await currentUser.HasAsync(ClientPermissions.View);
}

/// <summary>What <c>_FieldFeedback.cshtml</c> shows under a field: its error and, after a conflict, what was typed.</summary>
public sealed record FieldFeedback(string Field, string? Error, string? Typed);

/// <summary>A partner row of the form: <see cref="Key"/> names the fields, <see cref="Position"/> finds its errors (-1: template).</summary>
public sealed record PartnerRow(ClientFormPageModel Page, string Key, int Position, PartnerInput Partner)
{
    public string Name(string field) => $"Input.Partners[{Key}].{field}";
    public string Id(string field) => $"partner-{Key}-{field}";
    public FieldFeedback Feedback(string field) => new($"Partners[{Key}].{field}", Page.Error($"Partners[{Position}].{field}"), null);
    public string Invalid(string field) => Page.Error($"Partners[{Position}].{field}") is null ? "" : " is-invalid";
}

public sealed record ContactRow(ClientFormPageModel Page, string Key, int Position, ContactInput Contact)
{
    public string Name(string field) => $"Input.Contacts[{Key}].{field}";
    public string Id(string field) => $"contact-{Key}-{field}";
    public FieldFeedback Feedback(string field) => new($"Contacts[{Key}].{field}", Page.Error($"Contacts[{Position}].{field}"), null);
    public string Invalid(string field) => Page.Error($"Contacts[{Position}].{field}") is null ? "" : " is-invalid";
}

public sealed record ChannelRow(ClientFormPageModel Page, string Key, string ContactKey, int ContactPosition, int Position, ChannelInput Channel)
{
    public string Name(string field) => $"Input.Contacts[{ContactKey}].Channels[{Key}].{field}";
    public string Id(string field) => $"channel-{ContactKey}-{Key}-{field}";
    private string ErrorKey(string field) => $"Contacts[{ContactPosition}].Channels[{Position}].{field}";
    public FieldFeedback Feedback(string field) => new($"Contacts[{ContactKey}].Channels[{Key}].{field}", Page.Error(ErrorKey(field)), null);
    public string Invalid(string field) => Page.Error(ErrorKey(field)) is null ? "" : " is-invalid";
}
