using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

[AllowAnonymous]
public sealed class ResetPasswordModel(PasswordResetService reset) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    public bool LinkValid { get; private set; }

    public async Task OnGetAsync()
    {
        LinkValid = await reset.FindValidAsync(Token) is not null;
        if (!LinkValid) ModelState.AddModelError("", PasswordResetService.InvalidLinkMessage);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = await reset.ResetAsync(Token, Password, Confirmation);
        if (errors.IsValid)
        {
            TempData["login-message"] = null;
            TempData.Toast("Senha redefinida. Entre com a nova senha.");
            return Redirect("/login");
        }
        LinkValid = await reset.FindValidAsync(Token) is not null;
        ModelState.AddErrors(errors);
        return Page();
    }
}
