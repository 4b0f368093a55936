using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Setup;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

/// <summary>First-run setup (operations.md §3.6); answers 404 once an administrator exists.</summary>
[AllowAnonymous]
public sealed class SetupModel(SetupState state, SetupService setup, PortalDb db, LoginService login) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? FirmName { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await state.RefreshAsync(db); // another instance may have completed the setup
        return state.IsPending ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!state.IsPending) return NotFound();
        var (user, errors) = await setup.CompleteAsync(new SetupInput(Code, FirmName, Email, FullName, Password, Confirmation));
        if (user is null)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        await login.CompleteAsync(HttpContext, user, remember: false, "password");
        TempData.Toast("Configuração concluída. Bem-vindo ao portal!");
        return Redirect("/");
    }
}
