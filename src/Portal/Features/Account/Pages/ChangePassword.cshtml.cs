using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

/// <summary>"Meu perfil › Alterar senha" (identity.md §8.2); other sessions end, this one continues.</summary>
public sealed class ChangePasswordModel(PortalDb db, UserAccounts accounts, CurrentUser currentUser, SettingsService settings) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? Confirmation { get; set; }

    public bool Forced { get; private set; }
    /// <summary>Not asked after an administrator's temporary password, nor for Google-only users setting a first one.</summary>
    public bool RequireCurrent { get; private set; }
    public int MinLength { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await LoadAsync();
        if (user is null) return NotFound();
        var errors = await accounts.ChangePasswordAsync(user, CurrentPassword, NewPassword, Confirmation, currentUser.SessionId, RequireCurrent);
        if (!errors.IsValid)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        TempData.Toast("Senha alterada. As outras sessões foram encerradas.");
        return Redirect(Forced ? "/" : "/perfil");
    }

    private async Task<User?> LoadAsync()
    {
        var user = await db.Users.FindAsync(currentUser.Id);
        if (user is null) return null;
        Forced = user.MustChangePassword;
        RequireCurrent = !user.MustChangePassword && user.PasswordHash is not null;
        MinLength = (await settings.GetAsync()).PasswordMinLength;
        return user;
    }
}
