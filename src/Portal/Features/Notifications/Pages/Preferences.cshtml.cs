using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Notifications.Pages;

/// <summary>
/// "Preferências de notificação" (notifications.md §10, NTF-15): per category, in the portal (not for "Sistema"), e-mail,
/// push, and "Resumo diário por e-mail" (one e-mail at 18:00 instead of one per notification). Any user, own rows only.
/// </summary>
public sealed class PreferencesModel(PortalDb db, CurrentUser me) : PageModel
{
    public sealed record Row(NotificationCategory Category, bool InApp, bool Email, bool Push, bool Digest)
    {
        public bool InAppMandatory => NotificationPreference.InAppMandatory(Category);
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty] public List<NotificationCategory> InApp { get; set; } = [];
    [BindProperty] public List<NotificationCategory> Email { get; set; } = [];
    [BindProperty] public List<NotificationCategory> Push { get; set; } = [];
    [BindProperty] public List<NotificationCategory> Digest { get; set; } = [];

    public async Task OnGetAsync()
    {
        var saved = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == me.Id).ToDictionaryAsync(p => p.Category);
        Rows = [.. Enum.GetValues<NotificationCategory>().Select(c => saved.TryGetValue(c, out var p)
            ? new Row(c, p.InApp || NotificationPreference.InAppMandatory(c), p.Email, p.Push, p.EmailDigest)
            : new Row(c, true, true, true, false))];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // An unknown category name makes the binder record an error: refuse rather than save a half-read form.
        if (!ModelState.IsValid)
        {
            TempData.Toast("Preferências inválidas; nada foi alterado.", "danger");
            return Redirect("/perfil/notificacoes");
        }
        var saved = await db.NotificationPreferences.Where(p => p.UserId == me.Id).ToDictionaryAsync(p => p.Category);
        foreach (var c in Enum.GetValues<NotificationCategory>())
        {
            var inApp = InApp.Contains(c) || NotificationPreference.InAppMandatory(c);
            var email = Email.Contains(c);
            var push = Push.Contains(c);
            var digest = Digest.Contains(c);
            if (!saved.TryGetValue(c, out var row))
            {
                if (inApp && email && push && !digest) continue; // the default: no row needed
                db.NotificationPreferences.Add(row = new NotificationPreference { UserId = me.Id, Category = c });
            }
            row.InApp = inApp;
            row.Email = email;
            row.Push = push;
            row.EmailDigest = digest;
        }
        await db.SaveChangesAsync();
        TempData.Toast("Preferências de notificação salvas.");
        return Redirect("/perfil/notificacoes");
    }
}
