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

public sealed record RoleMember(long Id, string FullName, string Email, bool IsActive);

/// <summary>
/// Create or edit a role with its permission checkboxes (identity.md §2 Role, §10). The Administrador role keeps its
/// name and its implicit "everything": only description, start page and order can change.
/// </summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class RoleEditModel(PortalDb db, AuditLog audit, IEnumerable<MenuItem> menu) : PageModel
{
    public const string DuplicateName = "Já existe um papel com este nome.";
    public const string AdministratorRename = "O papel Administrador não pode ser renomeado.";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? StartPage { get; set; }
    [BindProperty] public string? SortOrder { get; set; }
    [BindProperty] public List<string> Codes { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public long? Id { get; private set; }
    public bool IsAdministrator { get; private set; }
    public IReadOnlyList<RoleMember> Members { get; private set; } = [];
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Path, string Label)> StartPageOptions =>
    [
        (StartPages.Home, "Início"),
        .. menu.Where(m => m.IsStartPage && m.Path != StartPages.Home).OrderBy(m => m.Order).Select(m => (m.Path, $"{m.Area} › {m.Label}")),
    ];

    public static IEnumerable<IGrouping<string, PermissionInfo>> PermissionGroups => Permissions.All.GroupBy(p => p.Module);

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        Id = id;
        if (id is null)
        {
            SortOrder = (await db.Roles.MaxAsync(r => (int?)r.SortOrder) is int max ? max + 10 : 10).ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (role is null) return NotFound();
        Fill(role, await CodesOfAsync(role.Id));
        await LoadMembersAsync(role.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id)
    {
        Id = id;
        Role? role = null;
        if (id is not null)
        {
            role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id);
            if (role is null) return NotFound();
            IsAdministrator = role.IsAdministrator;
            await LoadMembersAsync(role.Id);
        }
        var posted = Codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToHashSet(StringComparer.Ordinal);
        if (posted.Any(c => !Permissions.IsKnown(c))) return BadRequest();

        var errors = new FieldErrors();
        var name = Validators.Text(errors, nameof(Name), Name, 100, 2);
        if (IsAdministrator && name != role!.Name)
        {
            errors.Remove(nameof(Name));
            errors.Add(nameof(Name), AdministratorRename);
        }
        var description = Validators.Text(errors, nameof(Description), Description, 255, required: false);
        var startPage = TextNormalizer.Clean(StartPage);
        if (startPage is not null && StartPageOptions.All(o => o.Path != startPage))
            errors.Add(nameof(StartPage), "Página inicial inválida.");
        var sortOrder = 0;
        if (TextNormalizer.Clean(SortOrder) is { } so && !int.TryParse(so, NumberStyles.Integer, CultureInfo.InvariantCulture, out sortOrder))
            errors.Add(nameof(SortOrder), "Informe um número inteiro.");
        var key = TextNormalizer.Key(name);
        if (name is not null && errors.GetValueOrDefault(nameof(Name)) is null
            && await db.Roles.AnyAsync(r => r.NameNormalized == key && r.Id != (id ?? 0)))
            errors.Add(nameof(Name), DuplicateName);
        if (!errors.IsValid)
        {
            ModelState.AddErrors(errors);
            return Page();
        }

        if (role is null)
        {
            role = new Role { Name = name!, NameNormalized = key, Description = description, StartPage = startPage, SortOrder = sortOrder };
            db.Roles.Add(role);
            await AuditedInsert.SaveAsync(db, () =>
            {
                audit.Record("create", "Role", role.Id, role.Name, $"Papel {role.Name} criado", Describe(role, null, null));
                var grantee = Grantee.Of(role);
                foreach (var code in posted.Order(StringComparer.Ordinal)) GrantChanges.Add(db, audit, grantee, code);
            });
            TempData.Toast("Papel criado.");
            return RedirectToPage("Roles");
        }

        var before = Describe(role, null, null);
        db.Entry(role).Property(r => r.Version).OriginalValue = Version;
        role.Name = name!;
        role.NameNormalized = key;
        role.Description = description;
        role.StartPage = startPage;
        role.SortOrder = sortOrder;
        var changes = Describe(role, null, before);
        if (changes.Count > 0) audit.Record("role_changed", "Role", role.Id, role.Name, $"Papel {role.Name} alterado", changes);

        // Administrador holds everything implicitly: its grants are never edited (nor stored).
        if (!role.IsAdministrator)
        {
            var grantee = Grantee.Of(role);
            var current = await GrantChanges.CurrentAsync(db, grantee);
            var grantChanged = false;
            foreach (var grant in current.Where(g => Permissions.IsKnown(g.PermissionCode) && !posted.Contains(g.PermissionCode)))
            {
                GrantChanges.Remove(db, audit, grantee, grant);
                grantChanged = true;
            }
            foreach (var code in posted.Where(c => current.All(g => g.PermissionCode != c)).Order(StringComparer.Ordinal))
            {
                GrantChanges.Add(db, audit, grantee, code);
                grantChanged = true;
            }
            // Grants are part of this form: a new version makes a stale copy of it conflict instead of undoing them.
            if (grantChanged) db.Entry(role).Property(r => r.Version).IsModified = true;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
            if (stored is null) return NotFound();
            ShowConflict(stored, await CodesOfAsync(stored.Id), posted);
            return Page();
        }
        TempData.Toast("Alterações salvas.");
        return RedirectToPage("Roles");
    }

    /// <summary>Audited fields (with <paramref name="codes"/> for create/delete); with <paramref name="before"/> only changes.</summary>
    public static List<AuditChange> Describe(Role r, IEnumerable<string>? codes, List<AuditChange>? before)
    {
        var now = new List<AuditChange>
        {
            new("Nome", null, r.Name), new("Descrição", null, r.Description), new("Página inicial", null, r.StartPage),
            new("Ordem", null, r.SortOrder.ToString(CultureInfo.InvariantCulture)),
        };
        if (codes is not null) now.Add(new("Permissões", null, string.Join(", ", codes.Order(StringComparer.Ordinal))));
        if (before is null) return now.Where(c => !string.IsNullOrEmpty(c.New)).ToList();
        var diff = new List<AuditChange>();
        foreach (var field in now) AuditLog.Diff(diff, field.Field, before.FirstOrDefault(b => b.Field == field.Field)?.New, field.New);
        return diff;
    }

    private Task<List<string>> CodesOfAsync(long roleId) =>
        db.PermissionGrants.Where(g => g.RoleId == roleId).Select(g => g.PermissionCode).ToListAsync();

    private async Task LoadMembersAsync(long roleId) =>
        Members = await db.UserRoles.AsNoTracking().Where(ur => ur.RoleId == roleId)
            .OrderBy(ur => ur.User.FullName)
            .Select(ur => new RoleMember(ur.UserId, ur.User.FullName, ur.User.Email, ur.User.IsActive))
            .ToListAsync();

    private void Fill(Role role, List<string> codes)
    {
        IsAdministrator = role.IsAdministrator;
        Name = role.Name;
        Description = role.Description;
        StartPage = role.StartPage;
        SortOrder = role.SortOrder.ToString(CultureInfo.InvariantCulture);
        Codes = codes;
        Version = role.Version;
    }

    private void ShowConflict(Role current, List<string> currentCodes, HashSet<string> postedCodes)
    {
        var posted = new Dictionary<string, string?>
        {
            [nameof(Name)] = TextNormalizer.Clean(Name), [nameof(Description)] = TextNormalizer.Clean(Description),
            [nameof(StartPage)] = TextNormalizer.Clean(StartPage), [nameof(SortOrder)] = TextNormalizer.Clean(SortOrder) ?? "0",
        };
        Fill(current, currentCodes);
        var stored = new Dictionary<string, string?>
        {
            [nameof(Name)] = current.Name, [nameof(Description)] = current.Description,
            [nameof(StartPage)] = current.StartPage, [nameof(SortOrder)] = SortOrder,
        };
        foreach (var (field, typed) in EditConflict.Differences(posted, stored)) Conflicts[field] = typed;
        if (!current.IsAdministrator && !postedCodes.SetEquals(currentCodes.Where(Permissions.IsKnown)))
            Conflicts[nameof(Codes)] = string.Join(", ", postedCodes.Order(StringComparer.Ordinal).DefaultIfEmpty("nenhuma"));
        ModelState.Clear();
        ModelState.AddModelError("", EditConflict.Message);
    }
}
