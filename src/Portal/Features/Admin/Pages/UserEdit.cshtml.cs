using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>"Editar usuário" with optimistic concurrency (platform.md §2, PLT-01) and the rules of identity.md §9.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class UserEditModel(PortalDb db, UserAccounts accounts, AdministratorGate gate) : UserFormPageModel(db, gate)
{
    [BindProperty] public int Version { get; set; }

    public long Id { get; private set; }

    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] long id)
    {
        Id = id;
        var user = await LoadUserAsync();
        if (user is null) return NotFound();
        if (!await Gate.MayActOnAsync(user.Id)) return Forbid();
        Fill(user);
        await LoadChoicesAsync(SectorIds);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long id)
    {
        Id = id;
        var user = await LoadUserAsync();
        if (user is null) return NotFound();
        // UpdateAsync applies the same gate; checking first keeps a forbidden request from reaching validation.
        if (!await Gate.MayActOnAsync(user.Id) || !await Gate.MayGrantAsync(RoleIds)) return Forbid();
        CurrentName = user.FullName;
        var assigned = user.Sectors.Select(s => s.SectorId).ToList();
        if (!await CheckSectorsAsync(assigned))
        {
            await LoadChoicesAsync(assigned);
            return Page();
        }

        AccountResult result;
        try
        {
            result = await accounts.UpdateAsync(user.Id, ToInput(), Version, await Gate.ActorIsAdministratorAsync());
        }
        catch (DbUpdateConcurrencyException)
        {
            // The unit of work holds the rejected changes and their audit entry: drop them before reloading.
            Db.ChangeTracker.Clear();
            await ShowConflictAsync();
            return Page();
        }
        if (result.Forbidden) return Forbid();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            await LoadChoicesAsync(assigned);
            return Page();
        }
        TempData.Toast(user.IsActive && !IsActive ? "Usuário desativado. As sessões dele foram encerradas." : "Alterações salvas.");
        return Redirect("/admin/usuarios");
    }

    private async Task ShowConflictAsync()
    {
        var current = (await LoadUserAsync())!;
        var sectorNames = await Db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var roleNames = await Db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name);
        string Names(IEnumerable<long> ids, Dictionary<long, string> names) =>
            ids.Any() ? string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, "?")).Order(StringComparer.CurrentCulture)) : "(nenhum)";

        var mine = (Email: Email?.Trim() ?? "", Username: Username?.Trim() ?? "", FullName: FullName?.Trim() ?? "", IsActive,
            Sectors: SectorIds.Distinct().ToHashSet(), Roles: RoleIds.Distinct().ToHashSet());
        if (!string.Equals(mine.Email, current.Email, StringComparison.OrdinalIgnoreCase)) Conflicts["Email"] = mine.Email;
        if (!string.Equals(mine.Username, current.Username, StringComparison.OrdinalIgnoreCase)) Conflicts["Username"] = mine.Username;
        if (mine.FullName != current.FullName) Conflicts["FullName"] = mine.FullName;
        if (mine.IsActive != current.IsActive) Conflicts["IsActive"] = mine.IsActive ? "ativo" : "inativo";
        if (!mine.Sectors.SetEquals(current.Sectors.Select(s => s.SectorId))) Conflicts["SectorIds"] = Names(mine.Sectors, sectorNames);
        if (!mine.Roles.SetEquals(current.Roles.Select(r => r.RoleId))) Conflicts["RoleIds"] = Names(mine.Roles, roleNames);

        // Tag helpers prefer posted values over the model: clear them so the current values are what the form shows.
        ModelState.Clear();
        Fill(current);
        ModelState.AddModelError("", EditConflict.Message);
        await LoadChoicesAsync(SectorIds);
    }

    private Task<User?> LoadUserAsync() =>
        Db.Users.AsNoTracking().Include(u => u.Sectors).Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == Id);

    private void Fill(User user)
    {
        Email = user.Email;
        Username = user.Username;
        FullName = user.FullName;
        CurrentName = user.FullName;
        IsActive = user.IsActive;
        SectorIds = user.Sectors.Select(s => s.SectorId).ToList();
        RoleIds = user.Roles.Select(r => r.RoleId).ToList();
        Version = user.Version;
    }
}
