using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Platform.Lookups;

/// <summary>A value offered by a picker.</summary>
public sealed record LookupOption(long Id, string Code, string Label, string? Color);

/// <summary>What a person edits on a value. <see cref="SortOrder"/> null: after the last value (add) or unchanged (update).</summary>
public sealed record LookupValueInput(string? Label, string? Color, int? SortOrder, bool IsActive = true);

public enum LookupOutcome { Saved, Invalid, NotFound, InUse, Conflict }

/// <summary>
/// Result of a change. <see cref="Value"/> is the saved value, or after a <see cref="LookupOutcome.Conflict"/> the
/// value as currently stored (so the form can show what the other person saved).
/// </summary>
public sealed record LookupResult(LookupOutcome Outcome, LookupValue? Value = null, FieldErrors? Errors = null)
{
    public bool Succeeded => Outcome == LookupOutcome.Saved;

    public string? Message => Outcome switch
    {
        LookupOutcome.InUse => LookupService.InUseMessage,
        LookupOutcome.Conflict => Web.EditConflict.Message,
        _ => null,
    };
}

/// <summary>
/// Lookup lists of platform.md §6, shared by every module: pickers read active values, existing records keep showing
/// deactivated ones, and values in use (per the registered <see cref="ILookupUsage"/> checks) can only be deactivated.
/// Callers check the list's <see cref="LookupList.ManagePermission"/>; every change is audited with the change itself.
/// </summary>
public sealed class LookupService(PortalDb db, AuditLog audit, IEnumerable<ILookupUsage> usages)
{
    public const string InUseMessage = "Valor em uso; desative-o.";
    public const string InvalidColorMessage = "Cor inválida. Use o formato #RRGGBB.";
    public const int LabelMax = 100;
    private const int CodeBaseMax = 50; // leaves room for "-NNN" within the 60-character column

    /// <summary>Values a new record may choose: active only, in the list's order.</summary>
    public async Task<IReadOnlyList<LookupOption>> ActiveValuesAsync(string listKey, CancellationToken ct = default) =>
        await db.LookupValues.AsNoTracking()
            .Where(v => v.List.Key == listKey && v.IsActive)
            .OrderBy(v => v.SortOrder).ThenBy(v => v.Label)
            .Select(v => new LookupOption(v.Id, v.Code, v.Label, v.Color))
            .ToListAsync(ct);

    /// <summary>Label of a value an existing record refers to, even when the value was deactivated since.</summary>
    public Task<string?> ValueLabelAsync(long valueId, CancellationToken ct = default) =>
        db.LookupValues.AsNoTracking().Where(v => v.Id == valueId).Select(v => v.Label).FirstOrDefaultAsync(ct);

    public async Task<LookupResult> AddValueAsync(string listKey, LookupValueInput input, CancellationToken ct = default)
    {
        var list = await db.LookupLists.FirstOrDefaultAsync(l => l.Key == listKey, ct);
        if (list is null) return new LookupResult(LookupOutcome.NotFound);
        var (label, color, errors) = Validate(input);
        if (!errors.IsValid) return new LookupResult(LookupOutcome.Invalid, Errors: errors);

        var order = input.SortOrder ?? (await db.LookupValues.Where(v => v.ListId == list.Id).MaxAsync(v => (int?)v.SortOrder, ct) is int max ? max + 10 : 10);
        var value = new LookupValue
        {
            ListId = list.Id, List = list, Code = await UniqueCodeAsync(list.Id, label!, ct), Label = label!, Color = color,
            SortOrder = order, IsActive = input.IsActive,
        };
        db.LookupValues.Add(value);
        await AuditedInsert.SaveAsync(db, () => audit.Record("create", nameof(LookupValue), value.Id, ResourceLabel(list, value),
            $"Valor {value.Label} adicionado à lista {list.Name}", Describe(value, null)), ct);
        return new LookupResult(LookupOutcome.Saved, value);
    }

    /// <summary>Edits label, colour, order and state; the code never changes (other data may store it).</summary>
    public async Task<LookupResult> UpdateValueAsync(long valueId, LookupValueInput input, int version, CancellationToken ct = default)
    {
        var value = await db.LookupValues.Include(v => v.List).FirstOrDefaultAsync(v => v.Id == valueId, ct);
        if (value is null) return new LookupResult(LookupOutcome.NotFound);
        var (label, color, errors) = Validate(input);
        if (!errors.IsValid) return new LookupResult(LookupOutcome.Invalid, value, errors);

        var before = Describe(value, null);
        var wasActive = value.IsActive;
        db.Entry(value).Property(v => v.Version).OriginalValue = version;
        value.Label = label!;
        value.Color = color;
        value.SortOrder = input.SortOrder ?? value.SortOrder;
        value.IsActive = input.IsActive;
        var summary = wasActive == value.IsActive ? "alterado" : value.IsActive ? "reativado" : "desativado";
        return await SaveUpdateAsync(value, before, summary, ct);
    }

    /// <summary>Deactivate (hide from pickers, keep for existing records) or reactivate.</summary>
    public async Task<LookupResult> SetActiveAsync(long valueId, bool active, CancellationToken ct = default)
    {
        var value = await db.LookupValues.Include(v => v.List).FirstOrDefaultAsync(v => v.Id == valueId, ct);
        if (value is null) return new LookupResult(LookupOutcome.NotFound);
        if (value.IsActive == active) return new LookupResult(LookupOutcome.Saved, value);
        var before = Describe(value, null);
        value.IsActive = active;
        return await SaveUpdateAsync(value, before, active ? "reativado" : "desativado", ct);
    }

    /// <summary>Deletes a value no record refers to; one in use is refused with <see cref="InUseMessage"/>.</summary>
    public async Task<LookupResult> DeleteValueAsync(long valueId, CancellationToken ct = default)
    {
        var value = await db.LookupValues.Include(v => v.List).FirstOrDefaultAsync(v => v.Id == valueId, ct);
        if (value is null) return new LookupResult(LookupOutcome.NotFound);
        foreach (var usage in usages)
            if (await usage.IsUsedAsync(value.List.Key, value.Id, ct)) return new LookupResult(LookupOutcome.InUse, value);

        db.LookupValues.Remove(value);
        audit.Record("delete", nameof(LookupValue), value.Id, ResourceLabel(value.List, value),
            $"Valor {value.Label} excluído da lista {value.List.Name}", Describe(value, null));
        await db.SaveChangesAsync(ct);
        return new LookupResult(LookupOutcome.Saved, value);
    }

    /// <summary>Audited fields; with <paramref name="before"/> only the ones that changed.</summary>
    public static List<AuditChange> Describe(LookupValue v, List<AuditChange>? before)
    {
        var now = new List<AuditChange>
        {
            new("Código", null, v.Code), new("Rótulo", null, v.Label), new("Cor", null, v.Color),
            new("Ordem", null, v.SortOrder.ToString(CultureInfo.InvariantCulture)), new("Ativo", null, v.IsActive ? "sim" : "não"),
        };
        if (before is null) return now.Where(c => c.New is not null).ToList();
        var diff = new List<AuditChange>();
        foreach (var field in now) AuditLog.Diff(diff, field.Field, before.FirstOrDefault(b => b.Field == field.Field)?.New, field.New);
        return diff;
    }

    public static string ResourceLabel(LookupList list, LookupValue value) => $"Lista {list.Name} – valor {value.Label}";

    /// <summary>The field errors the input would get, for forms that validate extra fields of their own first.</summary>
    public static FieldErrors ErrorsOf(LookupValueInput input) => Validate(input).Errors;

    private static (string? Label, string? Color, FieldErrors Errors) Validate(LookupValueInput input)
    {
        var errors = new FieldErrors();
        var label = Validators.Text(errors, nameof(LookupValueInput.Label), input.Label, LabelMax);
        var color = TextNormalizer.Clean(input.Color)?.ToLowerInvariant();
        if (color is not null && !Validators.IsColor(color)) errors.Add(nameof(LookupValueInput.Color), InvalidColorMessage);
        return (label, color, errors);
    }

    /// <summary>Slug of the label, made unique in the list with -2, -3… (two values may share a label).</summary>
    private async Task<string> UniqueCodeAsync(long listId, string label, CancellationToken ct)
    {
        var slug = TextNormalizer.Slug(label);
        if (slug.Length > CodeBaseMax) slug = slug[..CodeBaseMax].TrimEnd('-');
        if (slug.Length == 0) slug = "valor";
        var prefix = slug + "-";
        var taken = (await db.LookupValues.Where(v => v.ListId == listId && (v.Code == slug || v.Code.StartsWith(prefix)))
            .Select(v => v.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains(prefix + n.ToString(CultureInfo.InvariantCulture))) return prefix + n.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<LookupResult> SaveUpdateAsync(LookupValue value, List<AuditChange> before, string verb, CancellationToken ct)
    {
        var changes = Describe(value, before);
        if (changes.Count > 0)
            audit.Record("update", nameof(LookupValue), value.Id, ResourceLabel(value.List, value),
                $"Valor {value.Label} {verb} na lista {value.List.Name}", changes);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.LookupValues.AsNoTracking().Include(v => v.List).FirstOrDefaultAsync(v => v.Id == value.Id, ct);
            return new LookupResult(current is null ? LookupOutcome.NotFound : LookupOutcome.Conflict, current);
        }
        return new LookupResult(LookupOutcome.Saved, value);
    }
}
