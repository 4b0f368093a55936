using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>"Novo usuário" (identity.md §10); an optional temporary password must be changed at first login.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class UserCreateModel(PortalDb db, UserAccounts accounts, AdministratorGate gate, SettingsService settings)
    : UserFormPageModel(db, gate)
{
    [BindProperty] public string? Password { get; set; }

    public int MinPasswordLength { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        // UserAccounts.CreateAsync has no actor: the Administrador gate of identity.md §9 is applied here.
        if (!await Gate.MayGrantAsync(RoleIds)) return Forbid();
        if (!await CheckSectorsAsync([]))
        {
            await LoadAsync();
            return Page();
        }
        var password = string.IsNullOrEmpty(Password) ? null : Password;
        var result = await accounts.CreateAsync(ToInput(password));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            await LoadAsync();
            return Page();
        }
        TempData.Toast(password is null
            ? "Usuário criado."
            : "Usuário criado. A pessoa deverá trocar a senha temporária no primeiro acesso.");
        return Redirect("/admin/usuarios?q=" + Uri.EscapeDataString(result.User!.Username));
    }

    private async Task LoadAsync()
    {
        await LoadChoicesAsync([]);
        MinPasswordLength = (await settings.GetAsync()).PasswordMinLength;
    }
}
