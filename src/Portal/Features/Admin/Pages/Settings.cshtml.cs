using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Admin.Settings;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Files;
using Portal.Platform.Settings;
using Portal.Platform.Text;
using Portal.Platform.Validation;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

public sealed record RoleOption(long Id, string Name);

/// <summary>
/// Administração › Configurações (platform.md §12). Each card is its own form and handler, so saving one section
/// never rewrites another; every save is one transaction with its audit entry (secrets only as ***/alterada).
/// </summary>
[RequirePermission(Permissions.SettingsManage)]
public sealed class SettingsModel(PortalDb db, SettingsService settings, AuditLog audit, CurrentUser currentUser, FileUploads uploads,
    IEmailTransport emailTransport, BrandedEmail branded, EmailLogoSource logos, TimeProvider clock) : PageModel
{
    public const string Saved = "Configurações salvas.";
    private const string DefaultRoleName = "Colaborador";

    private enum Section { None, Branding, Security, Smtp, Google }

    [BindProperty] public BrandingForm Branding { get; set; } = new();
    [BindProperty] public SecurityForm Security { get; set; } = new();
    [BindProperty] public SmtpForm Smtp { get; set; } = new();
    [BindProperty] public GoogleForm Google { get; set; } = new();

    public Guid? LogoFileId { get; private set; }
    public bool SmtpPasswordConfigured { get; private set; }
    public bool SmtpConfigured { get; private set; }
    public bool GoogleSecretConfigured { get; private set; }
    public IReadOnlyList<RoleOption> Roles { get; private set; } = [];
    public FileUseCase LogoUseCase => uploads.UseCase(PlatformFileUseCases.Logo);

    public async Task OnGetAsync() => await LoadAsync(Section.None);

    public async Task<IActionResult> OnPostBrandingAsync()
    {
        var current = await LoadAsync(Section.Branding);
        var errors = new FieldErrors();
        var values = Branding.Validate(errors);
        var logo = Branding.Logo is { Length: > 0 } file ? UploadSource.From(file) : null;
        var tooLarge = false;
        if (logo is not null)
        {
            var check = await uploads.ValidateAsync(PlatformFileUseCases.Logo, logo);
            if (check.Error is not null) errors.Add(nameof(BrandingForm.Logo), check.Error);
            tooLarge = check.TooLarge;
        }
        if (values is null || !errors.IsValid) return Invalid(errors, nameof(Branding), tooLarge);

        var extra = new List<AuditChange>();
        StoredFile? added = null, replaced = null;
        if (logo is not null)
        {
            var stored = await uploads.StoreAsync(PlatformFileUseCases.Logo, logo, BrandingEndpoints.LogoOwner, currentUser.Id);
            if (!stored.Succeeded)
            {
                errors.Add(nameof(BrandingForm.Logo), stored.Error!);
                return Invalid(errors, nameof(Branding), stored.TooLarge);
            }
            added = stored.File!;
            replaced = await CurrentLogoAsync(current);
            if (replaced is not null) uploads.Remove(replaced);
            values[SettingKeys.LogoFileId] = added.Id.ToString();
            extra.Add(new AuditChange("Logo", replaced?.OriginalName, added.OriginalName));
        }
        try
        {
            await SaveAsync(values, "settings_changed", "branding", "Identidade visual", extra);
        }
        catch
        {
            if (added is not null) await uploads.DiscardAsync(added);
            throw;
        }
        if (replaced is not null) await uploads.PurgeAsync(replaced);
        return Done("identidade-visual");
    }

    public async Task<IActionResult> OnPostRemoveLogoAsync()
    {
        var current = await settings.GetAsync();
        var logo = await CurrentLogoAsync(current);
        if (current.LogoFileId is not null)
        {
            if (logo is not null) uploads.Remove(logo);
            await SaveAsync(new Dictionary<string, string?> { [SettingKeys.LogoFileId] = null }, "settings_changed", "branding",
                "Identidade visual", [new AuditChange("Logo", logo?.OriginalName, null)]);
            if (logo is not null) await uploads.PurgeAsync(logo);
        }
        TempData.Toast("Logo removido.");
        return RedirectToPage(null, null, null, "identidade-visual");
    }

    public async Task<IActionResult> OnPostSecurityAsync()
    {
        await LoadAsync(Section.Security);
        var errors = new FieldErrors();
        var values = Security.Validate(errors);
        if (values is null) return Invalid(errors, nameof(Security));
        await SaveAsync(values, "settings_changed", "security", "Segurança");
        return Done("seguranca");
    }

    public async Task<IActionResult> OnPostSmtpAsync()
    {
        await LoadAsync(Section.Smtp);
        var errors = new FieldErrors();
        var values = Smtp.Validate(errors);
        if (values is null) return Invalid(errors, nameof(Smtp));
        await SaveAsync(values, "integration_changed", "smtp", "E-mail (SMTP)");
        return Done("email");
    }

    /// <summary>
    /// "Enviar e-mail de teste" (notifications.md §6): sends straight away with the SAVED settings to the signed-in
    /// administrator, so the answer (or the server's error) shows now — a diagnostic, not business mail for the outbox.
    /// </summary>
    public async Task<IActionResult> OnPostSmtpTestAsync()
    {
        var options = await SmtpOptions.LoadAsync(settings);
        if (options is null)
        {
            TempData.Toast(OutboxEmailsModel.NotConfigured + " Salve o servidor e o remetente antes de testar.", "danger");
            return RedirectToPage(null, null, null, "email");
        }
        options = options with { Logo = await logos.LoadAsync() };
        var to = await db.Users.Where(u => u.Id == currentUser.Id).Select(u => u.Email).FirstAsync();
        var firm = (await settings.GetAsync()).FirmName;
        var body = await branded.RenderAsync(new EmailContent("E-mail de teste",
            ["Este é um e-mail de teste do portal. Se você o recebeu, o envio de e-mail está configurado corretamente."],
            Action: new EmailLine("Abrir o portal", "/inicio")));
        var email = new OutboxEmail
        {
            ToAddress = to, Subject = $"{firm} — e-mail de teste", Kind = "smtp_test", CreatedAt = clock.GetUtcNow().UtcDateTime,
            BodyText = body.Text, BodyHtml = body.Html,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await emailTransport.SendAsync(options, email, timeout.Token);
            TempData.Toast($"E-mail de teste enviado para {to}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !HttpContext.RequestAborted.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? "tempo esgotado" : ex.Message;
            TempData.Toast($"Falha ao enviar o e-mail de teste: {reason}", "danger");
        }
        return RedirectToPage(null, null, null, "email");
    }

    public async Task<IActionResult> OnPostGoogleAsync()
    {
        await LoadAsync(Section.Google);
        var errors = new FieldErrors();
        var values = Google.Validate(errors, Roles.Select(r => r.Id).ToList());
        if (values is null) return Invalid(errors, nameof(Google));
        await SaveAsync(values, "integration_changed", "google", "Login com Google");
        return Done("google");
    }

    /// <summary>Stages the values and the audit entry, commits both at once, then drops the settings cache.</summary>
    private async Task SaveAsync(Dictionary<string, string?> values, string action, string section, string label, IReadOnlyList<AuditChange>? extra = null)
    {
        var changes = (await settings.StageAsync(values, currentUser.Id)).Concat(extra ?? []).ToList();
        if (changes.Count > 0)
            audit.Record(action, "Settings", section, label, $"Configurações alteradas: {label}", changes);
        await db.SaveChangesAsync();
        settings.Invalidate();
    }

    private RedirectToPageResult Done(string fragment)
    {
        TempData.Toast(Saved);
        return RedirectToPage(null, null, null, fragment);
    }

    private PageResult Invalid(FieldErrors errors, string prefix, bool tooLarge = false)
    {
        ModelState.AddErrors(errors, prefix + ".");
        // platform.md §5.2: an oversized upload answers 413 (with the form and its message).
        if (tooLarge) Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Page();
    }

    private async Task<StoredFile?> CurrentLogoAsync(PortalSettings current) =>
        current.LogoFileId is Guid id
            ? await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id && f.OwnerType == BrandingEndpoints.LogoOwner.Type)
            : null;

    /// <summary>Fills every section from storage except the one being posted, which keeps what the user typed.</summary>
    private async Task<PortalSettings> LoadAsync(Section posted)
    {
        var s = await settings.GetAsync();
        Roles = await db.Roles.AsNoTracking().Where(r => !r.IsAdministrator)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Name).Select(r => new RoleOption(r.Id, r.Name)).ToListAsync();
        var defaultRole = Roles.FirstOrDefault(r => TextNormalizer.Key(r.Name) == TextNormalizer.Key(DefaultRoleName))?.Id;
        LogoFileId = s.LogoFileId;
        SmtpPasswordConfigured = s.SmtpPasswordConfigured;
        SmtpConfigured = s.SmtpConfigured;
        GoogleSecretConfigured = s.GoogleSecretConfigured;
        if (posted != Section.Branding) Branding = BrandingForm.From(s);
        if (posted != Section.Security) Security = SecurityForm.From(s);
        if (posted != Section.Smtp) Smtp = SmtpForm.From(s);
        if (posted != Section.Google) Google = GoogleForm.From(s, defaultRole);
        return s;
    }
}
