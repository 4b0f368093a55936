using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Time;
using Portal.Platform.Web;

namespace Portal.Features.Home.Pages;

/// <summary>Início: cards of what the user can reach. Modules add their own cards as they are built.</summary>
public sealed class InicioModel(StartPages startPages, CurrentUser currentUser, PortalDb db, TimeProvider clock) : PageModel
{
    public string FirstName { get; private set; } = "";
    public string Today { get; private set; } = "";
    public string LastLogin { get; private set; } = "";
    public IReadOnlyList<MenuItem> Shortcuts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        FirstName = currentUser.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        Today = SaoPaulo.Today(clock).ToString("dddd, d 'de' MMMM 'de' yyyy", Culture.PtBr);
        Shortcuts = (await startPages.AccessibleAsync()).Where(m => m.Path != StartPages.Home).ToList();
        var last = await db.Users.Where(u => u.Id == currentUser.Id).Select(u => u.LastLoginAt).FirstOrDefaultAsync();
        LastLogin = last is null ? "—" : SaoPaulo.Format(last);
    }
}
