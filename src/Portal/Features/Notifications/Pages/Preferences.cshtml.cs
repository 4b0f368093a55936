using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Notifications.Pages;

/// <summary>
/// "Preferências de notificação" (notifications.md §10, NTF-15): per category, whether the person also wants e-mail
/// and push when a rule sends them. In the portal is always on (so nobody silently misses a task); any user, own rows only.
/// </summary>
public sealed class PreferencesModel(PortalDb db, CurrentUser me) : PageModel
{
    public sealed record Row(NotificationCategory Category, bool Email, bool Push);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty] public List<NotificationCategory> Email { get; set; } = [];
    [BindProperty] public List<NotificationCategory> Push { get; set; } = [];

    public async Task OnGetAsync()
    {
        var saved = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == me.Id).ToDictionaryAsync(p => p.Category);
        Rows = [.. Enum.GetValues<NotificationCategory>().Select(c => saved.TryGetValue(c, out var p) ? new Row(c, p.Email, p.Push) : new Row(c, true, true))];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var saved = await db.NotificationPreferences.Where(p => p.UserId == me.Id).ToDictionaryAsync(p => p.Category);
        foreach (var c in Enum.GetValues<NotificationCategory>())
        {
            var email = Email.Contains(c);
            var push = Push.Contains(c);
            if (!saved.TryGetValue(c, out var row))
            {
                if (email && push) continue; // the default: no row needed
                db.NotificationPreferences.Add(row = new NotificationPreference { UserId = me.Id, Category = c });
            }
            row.Email = email;
            row.Push = push;
        }
        await db.SaveChangesAsync();
        TempData.Toast("Preferências de notificação salvas.");
        return Redirect("/perfil/notificacoes");
    }
}
