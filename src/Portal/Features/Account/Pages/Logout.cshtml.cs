using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Account.Pages;

/// <summary>Logout is POST only (a GET never changes state, IDN-07).</summary>
public sealed class LogoutModel(SessionService sessions, AuditLog audit, CurrentUser currentUser, PortalDb db) : PageModel
{
    public IActionResult OnGet() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task<IActionResult> OnPostAsync()
    {
        audit.Record("logout", "User", currentUser.Id, null, "Logout");
        await db.SaveChangesAsync();
        await sessions.SignOutAsync(HttpContext, SessionRevokeReasons.Logout);
        return Redirect("/login");
    }
}
