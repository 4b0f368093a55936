using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

/// <summary>"Meu perfil" (identity.md §10): own name and start page.</summary>
public sealed class ProfileModel(PortalDb db, CurrentUser currentUser, StartPages startPages, AuditLog audit) : PageModel
{
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? StartPage { get; set; }
    [BindProperty] public int Version { get; set; }
    public string Email { get; private set; } = "";
    public string Username { get; private set; } = "";
    public IReadOnlyList<MenuItem> StartPageOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == currentUser.Id);
        if (user is null) return NotFound();
        FullName = user.FullName;
        StartPage = user.StartPage;
        Version = user.Version;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == currentUser.Id);
        if (user is null) return NotFound();
        await LoadAsync(user);
        var errors = new FieldErrors();
        var name = Validators.Text(errors, nameof(FullName), FullName, 120, 2);
        var start = TextOrNull(StartPage);
        if (start is not null && start != StartPages.Home && StartPageOptions.All(o => o.Path != start))
            errors.Add(nameof(StartPage), "Página inicial indisponível para você.");
        if (!errors.IsValid)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        var changes = new List<AuditChange>();
        AuditLog.Diff(changes, "Nome", user.FullName, name);
        AuditLog.Diff(changes, "Página inicial", user.StartPage, start);
        if (user.Version != Version)
        {
            ModelState.AddModelError("", EditConflict.Message);
            FullName = user.FullName;
            StartPage = user.StartPage;
            Version = user.Version;
            return Page();
        }
        user.FullName = name!;
        user.StartPage = start;
        if (changes.Count > 0) audit.Record("user_updated", "User", user.Id, UserAccounts.Label(user), "Perfil alterado pelo usuário", changes);
        await db.SaveChangesAsync();
        TempData.Toast("Alterações salvas.");
        return RedirectToPage();
    }

    private async Task LoadAsync(User user)
    {
        Email = user.Email;
        Username = user.Username;
        StartPageOptions = (await startPages.AccessibleAsync()).Where(m => m.IsStartPage).ToList();
    }

    private static string? TextOrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
