using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Account.Photos;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Identity;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Account.Pages;

/// <summary>"Meu perfil" (identity.md §10): own name, start page and photo.</summary>
public sealed class ProfileModel(PortalDb db, CurrentUser currentUser, StartPages startPages, AuditLog audit, UserPhotos photos, FileUploads uploads) : PageModel
{
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? StartPage { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public IFormFile? Photo { get; set; }
    public string Email { get; private set; } = "";
    public string Username { get; private set; } = "";
    public string? PhotoUrl { get; private set; }
    public string Initials { get; private set; } = "";
    public IReadOnlyList<MenuItem> StartPageOptions { get; private set; } = [];
    public FileUseCase PhotoUseCase => uploads.UseCase(UserPhotos.UseCaseKey);

    /// <summary>After a concurrency conflict: what this person had typed, per field whose current value differs.</summary>
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == currentUser.Id);
        if (user is null) return NotFound();
        Fill(user);
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
        if (user.Version != Version) return await ConflictAsync(name!, start);
        if (changes.Count > 0)
        {
            // platform.md §2: the update only applies to the version this form was opened on.
            db.Entry(user).Property(u => u.Version).OriginalValue = Version;
            user.FullName = name!;
            user.StartPage = start;
            audit.Record("user_updated", "User", user.Id, UserAccounts.Label(user), "Perfil alterado pelo usuário", changes);
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateConcurrencyException) { return await ConflictAsync(name!, start); }
        }
        TempData.Toast("Alterações salvas.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPhotoAsync()
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == currentUser.Id);
        if (user is null) return NotFound();
        if (Photo is not { Length: > 0 } file) return await PhotoErrorAsync(user, "Selecione um arquivo.", tooLarge: false);
        var result = await photos.ReplaceAsync(user, UploadSource.From(file), currentUser.Id);
        if (!result.Succeeded) return await PhotoErrorAsync(user, result.Error!, result.TooLarge);
        TempData.Toast("Foto alterada.");
        return RedirectToPage(null, null, null, "foto");
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync()
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == currentUser.Id);
        if (user is null) return NotFound();
        await photos.RemoveAsync(user);
        TempData.Toast("Foto removida.");
        return RedirectToPage(null, null, null, "foto");
    }

    /// <summary>Re-shows the page with the message under the file field; 413 for size (platform.md §5.2).</summary>
    private async Task<IActionResult> PhotoErrorAsync(User user, string message, bool tooLarge)
    {
        Fill(user);
        await LoadAsync(user);
        ModelState.Clear();
        ModelState.AddModelError(nameof(Photo), message);
        if (tooLarge) Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Page();
    }

    /// <summary>Shows the current values and notes what this person had typed where it differs (platform.md §2).</summary>
    private async Task<IActionResult> ConflictAsync(string typedName, string? typedStart)
    {
        db.ChangeTracker.Clear();
        var current = await db.Users.AsNoTracking().FirstAsync(u => u.Id == currentUser.Id);
        Fill(current);
        await LoadAsync(current);
        var posted = new Dictionary<string, string?> { [nameof(FullName)] = typedName, [nameof(StartPage)] = StartLabel(typedStart) };
        var stored = new Dictionary<string, string?> { [nameof(FullName)] = current.FullName, [nameof(StartPage)] = StartLabel(current.StartPage) };
        foreach (var (field, typed) in EditConflict.Differences(posted, stored)) Conflicts[field] = typed;
        ModelState.Clear();
        ModelState.AddModelError("", EditConflict.Message);
        return Page();
    }

    private string StartLabel(string? path) =>
        path is null ? "Padrão do meu papel" : StartPageOptions.FirstOrDefault(o => o.Path == path)?.Label ?? path;

    private void Fill(User user)
    {
        FullName = user.FullName;
        StartPage = user.StartPage;
        Version = user.Version;
    }

    private async Task LoadAsync(User user)
    {
        Email = user.Email;
        Username = user.Username;
        PhotoUrl = Avatars.PhotoUrl(user.Id, user.PhotoFileId);
        Initials = Avatars.Initials(user.FullName);
        StartPageOptions = (await startPages.AccessibleAsync()).Where(m => m.IsStartPage).ToList();
    }

    private static string? TextOrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
