using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

/// <summary>"Meu perfil › Sessões" (identity.md §7): list, end one, "Sair de todas as outras sessões".</summary>
public sealed class SessionsModel(PortalDb db, SessionService sessions, CurrentUser currentUser, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];
    public long? CurrentSessionId => currentUser.SessionId;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync()
    {
        Sessions = await sessions.ActiveSessions()
            .Where(s => s.UserId == currentUser.Id)
            .OrderByDescending(s => s.LastSeenAt).ToListAsync();
    }

    public async Task<IActionResult> OnPostEndAsync(long id)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == id && s.UserId == currentUser.Id && s.RevokedAt == null);
        if (session is null) return NotFound();
        audit.Record("session_revoked", "UserSession", session.Id, null, "Sessão encerrada pelo usuário");
        await db.SaveChangesAsync();
        await sessions.RevokeAsync(session.Id, SessionRevokeReasons.User);
        TempData.Toast("Sessão encerrada.");
        return RedirectToPage();
    }

    /// <summary>Regenerates the stamp (API tokens die too) and keeps only this session (identity.md §2 SecurityStamp).</summary>
    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var user = await db.Users.FindAsync(currentUser.Id);
        if (user is null) return NotFound();
        user.SecurityStamp = Portal.Platform.Identity.User.NewStamp();
        audit.Record("session_revoked", "User", user.Id, UserAccounts.Label(user), "Saiu de todas as outras sessões");
        await db.SaveChangesAsync();
        var ended = await sessions.RevokeAllAsync(user.Id, SessionRevokeReasons.User, currentUser.SessionId);
        if (currentUser.SessionId is long sid) await sessions.AdoptStampAsync(sid, user.SecurityStamp);
        TempData.Toast(ended == 1 ? "1 sessão encerrada." : $"{ended} sessões encerradas.");
        return RedirectToPage();
    }

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return "Desconhecido";
        var browser = userAgent.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : userAgent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : userAgent.Contains("Chrome/", StringComparison.Ordinal) ? "Chrome"
            : userAgent.Contains("Safari/", StringComparison.Ordinal) ? "Safari" : "Navegador";
        var os = userAgent.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : userAgent.Contains("Android", StringComparison.Ordinal) ? "Android"
            : userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : userAgent.Contains("Mac OS", StringComparison.Ordinal) ? "macOS"
            : userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux" : "";
        return os.Length > 0 ? $"{browser} em {os}" : browser;
    }
}
