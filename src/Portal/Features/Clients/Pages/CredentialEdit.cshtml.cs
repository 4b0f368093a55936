using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

/// <summary>Add/edit/delete one access of the vault (clients.md §7). The password field is always empty on load.</summary>
[RequirePermission(ClientPermissions.CredentialsManage)]
public sealed class CredentialEditModel(PortalDb db, CredentialVault vault, CurrentUser currentUser) : PageModel
{
    [BindProperty] public string? SystemName { get; set; }
    [BindProperty(Name = "Url")] public string? Link { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public int Version { get; set; }

    public long ClientId { get; private set; }
    public long? CredentialId { get; private set; }
    public string ClientLabel { get; private set; } = "";
    public bool HasPassword { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public string Invalid(string field) => Errors.ContainsKey(field) ? " is-invalid" : "";

    public FieldFeedback Feedback(string field) => new(field, Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null, null);

    public async Task<IActionResult> OnGetAsync(long id, long? credId)
    {
        if (!await LoadClientAsync(id)) return NotFound();
        CredentialId = credId;
        if (credId is null) return Page();
        var credential = await db.ClientCredentials().AsNoTracking().FirstOrDefaultAsync(c => c.Id == credId && c.ClientId == id);
        if (credential is null) return NotFound();
        Fill(credential);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long? credId)
    {
        if (!await LoadClientAsync(id)) return NotFound();
        CredentialId = credId;
        var input = new CredentialInput(SystemName, Link, Username, Password, Notes);
        var result = credId is long cid
            ? await vault.UpdateAsync(id, cid, input, Version, currentUser.Id)
            : await vault.AddAsync(id, input, currentUser.Id);
        Password = null; // never echoed back into the page
        switch (result.Outcome)
        {
            case VaultOutcome.NotFound:
                return NotFound();
            case VaultOutcome.Invalid:
                Errors = result.Errors!;
                HasPassword = result.Credential?.PasswordEncrypted is not null;
                ModelState.Clear();
                ModelState.AddModelError("", "Corrija os campos destacados.");
                return Page();
            case VaultOutcome.Conflict:
                if (result.Credential is null) return NotFound();
                Fill(result.Credential);
                ModelState.Clear();
                ModelState.AddModelError("", EditConflict.Message);
                return Page();
            default:
                TempData.Toast(credId is null ? "Acesso adicionado." : "Acesso alterado.");
                return Redirect($"/clientes/{id}#acessos");
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, long credId)
    {
        var result = await vault.DeleteAsync(id, credId);
        if (result.Outcome == VaultOutcome.NotFound) return NotFound();
        TempData.Toast("Acesso excluído.");
        return Redirect($"/clientes/{id}#acessos");
    }

    private async Task<bool> LoadClientAsync(long id)
    {
        ClientId = id;
        var client = await db.Clients().AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Code, c.Name }).FirstOrDefaultAsync();
        if (client is null) return false;
        ClientLabel = $"{client.Code} – {client.Name}";
        return true;
    }

    private void Fill(ClientCredential c)
    {
        SystemName = c.SystemName;
        Link = c.Url;
        Username = c.Username;
        Notes = c.Notes;
        Version = c.Version;
        HasPassword = c.PasswordEncrypted is not null;
    }
}
