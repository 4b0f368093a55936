using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>"Senha temporária": the person must change it at next login; their sessions end (identity.md §5.6, §10).</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class UserTemporaryPasswordModel(PortalDb db, UserAccounts accounts, AdministratorGate gate, SettingsService settings) : PageModel
{
    [BindProperty] public string? Password { get; set; }

    public long Id { get; private set; }
    public string FullName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public int MinLength { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id)
    {
        var user = await LoadAsync(id);
        if (user is null) return NotFound();
        return await gate.MayActOnAsync(id) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long id)
    {
        var user = await LoadAsync(id);
        if (user is null) return NotFound();
        if (!await gate.MayActOnAsync(id)) return Forbid();
        var errors = await accounts.SetTemporaryPasswordAsync(user, Password ?? "");
        if (!errors.IsValid)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        TempData.Toast($"Senha temporária definida para {user.FullName}. Ela deverá trocá-la no próximo acesso.");
        return Redirect("/admin/usuarios");
    }

    private async Task<User?> LoadAsync(long id)
    {
        Id = id;
        var user = await db.Users.FindAsync(id);
        if (user is null) return null;
        FullName = user.FullName;
        Email = user.Email;
        MinLength = (await settings.GetAsync()).PasswordMinLength;
        return user;
    }
}
