using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Identity;
using Portal.Platform.Security;
using Portal.Platform.Settings;
using Portal.Platform.Setup;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

/// <summary>The seed's login flow (§2): CSRF → per-IP limit → user → lockout → password → active → session.</summary>
[AllowAnonymous]
public sealed class LoginModel(LoginService login, AttemptLimiter limiter, SettingsService settings, SetupState setup, StartPages startPages) : PageModel
{
    public const int PerIpPerMinute = 5;

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }
    public string FirmName { get; private set; } = "";
    public bool GoogleEnabled { get; private set; }
    public bool SetupPending => setup.IsPending;

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true) return Redirect(SafeReturnUrl() ?? "/");
        if (TempData["login-message"] is string message) Message = message;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?";
        var limit = await limiter.HitAsync($"login-ip:{ip}", PerIpPerMinute, TimeSpan.FromMinutes(1));
        if (!limit.Allowed) return this.TooManyRequests(limit.RetryAfter);

        var result = await login.LoginAsync(HttpContext, Email, Password, RememberMe);
        switch (result.Outcome)
        {
            case LoginOutcome.Success:
                if (result.User!.MustChangePassword) return Redirect("/perfil/senha");
                return Redirect(SafeReturnUrl() ?? await startPages.ResolveAsync(result.User.Id));
            case LoginOutcome.LockedOut:
                Message = LoginService.LockedMessage(result.LockoutMinutes);
                break;
            case LoginOutcome.Inactive:
                Message = LoginService.InactiveMessage;
                break;
            default:
                Message = LoginService.InvalidMessage;
                break;
        }
        await LoadAsync();
        return Page();
    }

    private string? SafeReturnUrl() => Validators.IsLocalPath(ReturnUrl) && !ReturnUrl!.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : null;

    private async Task LoadAsync()
    {
        var s = await settings.GetAsync();
        FirmName = s.FirmName;
        GoogleEnabled = s.GoogleConfigured;
    }
}
