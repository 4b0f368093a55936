using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Admin.Pages;

public sealed record SectorChoice(long Id, string Name, string? Color, bool IsActive);

public sealed record RoleChoice(long Id, string Name, string? Description, bool IsAdministrator);

/// <summary>Fields and choices shared by "Novo usuário" and "Editar usuário" (rendered by _UserFields).</summary>
public abstract class UserFormPageModel(PortalDb db, AdministratorGate gate) : PageModel
{
    public const string InactiveSectorMessage = "Setor inexistente ou inativo.";

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public bool IsActive { get; set; } = true;
    [BindProperty] public List<long> SectorIds { get; set; } = [];
    [BindProperty] public List<long> RoleIds { get; set; } = [];

    public IReadOnlyList<SectorChoice> SectorChoices { get; private set; } = [];
    public IReadOnlyList<RoleChoice> RoleChoices { get; private set; } = [];
    public bool ActorIsAdministrator { get; private set; }

    /// <summary>After a concurrency conflict: field → the value this person had typed (the form shows the current one).</summary>
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);

    protected AdministratorGate Gate => gate;
    protected PortalDb Db => db;

    public bool IsConflict(string field) => Conflicts.ContainsKey(field);

    protected UserInput ToInput(string? password = null) =>
        new(Email, Username, FullName, IsActive, SectorIds.Distinct().ToList(), RoleIds.Distinct().ToList(), password, MustChangePassword: password is not null);

    /// <summary>Active sectors plus the inactive ones the user already has (so saving does not silently drop them).</summary>
    protected async Task LoadChoicesAsync(IReadOnlyCollection<long> assignedSectorIds)
    {
        ActorIsAdministrator = await gate.ActorIsAdministratorAsync();
        SectorChoices = await db.Sectors.AsNoTracking()
            .Where(s => s.IsActive || assignedSectorIds.Contains(s.Id))
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new SectorChoice(s.Id, s.Name, s.Color, s.IsActive)).ToListAsync();
        RoleChoices = await db.Roles.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .Select(r => new RoleChoice(r.Id, r.Name, r.Description, r.IsAdministrator)).ToListAsync();
    }

    /// <summary>Inactive sectors may be kept but not newly assigned; returns false (with a field error) otherwise.</summary>
    protected async Task<bool> CheckSectorsAsync(IReadOnlyCollection<long> assignedSectorIds)
    {
        var posted = SectorIds.Distinct().ToList();
        var allowed = await db.Sectors.Where(s => posted.Contains(s.Id) && (s.IsActive || assignedSectorIds.Contains(s.Id))).CountAsync();
        if (allowed == posted.Count) return true;
        ModelState.AddModelError(nameof(SectorIds), InactiveSectorMessage);
        return false;
    }
}
