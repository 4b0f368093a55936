using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Text;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>Create or edit a sector (identity.md §2 Sector, §9). Deactivating removes its grants from effective permissions.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class SectorEditModel(PortalDb db, AuditLog audit) : PageModel
{
    public const string DuplicateName = "Já existe um setor com este nome.";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Color { get; set; }
    [BindProperty] public bool HasTaskBoard { get; set; }
    [BindProperty] public string? SortOrder { get; set; }
    [BindProperty] public bool IsActive { get; set; }
    [BindProperty] public int Version { get; set; }

    public long? Id { get; private set; }
    public int Members { get; private set; }

    /// <summary>After a concurrency conflict: what this person had typed, per field whose current value differs.</summary>
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        Id = id;
        if (id is null)
        {
            HasTaskBoard = true;
            IsActive = true;
            SortOrder = (await db.Sectors.MaxAsync(s => (int?)s.SortOrder) is int max ? max + 10 : 10).ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        var sector = await db.Sectors.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
        if (sector is null) return NotFound();
        Fill(sector);
        Members = await db.SectorMemberships.CountAsync(m => m.SectorId == id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id)
    {
        Id = id;
        Sector? sector = null;
        if (id is not null)
        {
            sector = await db.Sectors.FirstOrDefaultAsync(s => s.Id == id);
            if (sector is null) return NotFound();
            Members = await db.SectorMemberships.CountAsync(m => m.SectorId == id);
        }

        var errors = new FieldErrors();
        var name = Validators.Text(errors, nameof(Name), Name, 100, 2);
        var description = Validators.Text(errors, nameof(Description), Description, 255, required: false);
        var color = TextNormalizer.Clean(Color)?.ToLowerInvariant();
        if (color is not null && !Validators.IsColor(color)) errors.Add(nameof(Color), "Cor inválida. Use o formato #RRGGBB.");
        var sortOrder = 0;
        if (TextNormalizer.Clean(SortOrder) is { } so && !int.TryParse(so, NumberStyles.Integer, CultureInfo.InvariantCulture, out sortOrder))
            errors.Add(nameof(SortOrder), "Informe um número inteiro.");
        var key = TextNormalizer.Key(name);
        if (name is not null && await db.Sectors.AnyAsync(s => s.NameNormalized == key && s.Id != (id ?? 0)))
            errors.Add(nameof(Name), DuplicateName);
        if (!errors.IsValid)
        {
            ModelState.AddErrors(errors);
            return Page();
        }

        var before = sector is null ? null : Describe(sector, null);
        if (sector is null)
        {
            sector = new Sector();
            db.Sectors.Add(sector);
        }
        else
        {
            db.Entry(sector).Property(s => s.Version).OriginalValue = Version;
        }
        sector.Name = name!;
        sector.NameNormalized = key;
        sector.Description = description;
        sector.Color = color;
        sector.HasTaskBoard = HasTaskBoard;
        sector.SortOrder = sortOrder;
        sector.IsActive = IsActive;

        if (before is null)
        {
            await AuditedInsert.SaveAsync(db, () =>
                audit.Record("create", "Sector", sector.Id, sector.Name, $"Setor {sector.Name} criado", Describe(sector, null)));
            TempData.Toast("Setor criado.");
            return RedirectToPage("Sectors");
        }

        var changes = Describe(sector, before);
        if (changes.Count > 0)
        {
            var summary = before.First(c => c.Field == "Ativo").New == "sim" && !sector.IsActive
                ? $"Setor {sector.Name} desativado" : $"Setor {sector.Name} alterado";
            audit.Record("update", "Sector", sector.Id, sector.Name, summary, changes);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Sectors.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
            if (current is null) return NotFound();
            ShowConflict(current);
            return Page();
        }
        TempData.Toast("Alterações salvas.");
        return RedirectToPage("Sectors");
    }

    /// <summary>Audited fields; with <paramref name="before"/> only the ones that changed.</summary>
    public static List<AuditChange> Describe(Sector s, List<AuditChange>? before)
    {
        var now = new List<AuditChange>
        {
            new("Nome", null, s.Name), new("Descrição", null, s.Description), new("Cor", null, s.Color),
            new("Quadro de tarefas", null, s.HasTaskBoard ? "sim" : "não"),
            new("Ordem", null, s.SortOrder.ToString(CultureInfo.InvariantCulture)), new("Ativo", null, s.IsActive ? "sim" : "não"),
        };
        if (before is null) return now.Where(c => c.New is not null).ToList();
        var diff = new List<AuditChange>();
        foreach (var field in now) AuditLog.Diff(diff, field.Field, before.FirstOrDefault(b => b.Field == field.Field)?.New, field.New);
        return diff;
    }

    private void Fill(Sector sector)
    {
        Name = sector.Name;
        Description = sector.Description;
        Color = sector.Color;
        HasTaskBoard = sector.HasTaskBoard;
        SortOrder = sector.SortOrder.ToString(CultureInfo.InvariantCulture);
        IsActive = sector.IsActive;
        Version = sector.Version;
    }

    /// <summary>Shows the current values and notes what this person had typed where it differs (platform.md §2).</summary>
    private void ShowConflict(Sector current)
    {
        var posted = new Dictionary<string, string?>
        {
            [nameof(Name)] = TextNormalizer.Clean(Name), [nameof(Description)] = TextNormalizer.Clean(Description),
            [nameof(Color)] = TextNormalizer.Clean(Color)?.ToLowerInvariant(), [nameof(HasTaskBoard)] = EditConflict.YesNo(HasTaskBoard),
            [nameof(SortOrder)] = TextNormalizer.Clean(SortOrder) ?? "0", [nameof(IsActive)] = EditConflict.YesNo(IsActive),
        };
        Fill(current);
        var stored = new Dictionary<string, string?>
        {
            [nameof(Name)] = current.Name, [nameof(Description)] = current.Description, [nameof(Color)] = current.Color,
            [nameof(HasTaskBoard)] = EditConflict.YesNo(current.HasTaskBoard), [nameof(SortOrder)] = SortOrder, [nameof(IsActive)] = EditConflict.YesNo(current.IsActive),
        };
        foreach (var (field, typed) in EditConflict.Differences(posted, stored)) Conflicts[field] = typed;
        ModelState.Clear();
        ModelState.AddModelError("", EditConflict.Message);
    }
}
