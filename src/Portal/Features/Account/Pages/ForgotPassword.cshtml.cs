using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

[AllowAnonymous]
public sealed class ForgotPasswordModel(PasswordResetService reset) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var retryAfter = await reset.RequestAsync(Request, Email);
        if (retryAfter is TimeSpan wait) return this.TooManyRequests(wait);
        Sent = true; // identical answer for known and unknown e-mails (IDN-16)
        return Page();
    }
}
