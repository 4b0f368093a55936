using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Files;

namespace Portal.Platform.Settings;

/// <summary>The firm's logo as the shell shows it (platform.md §12): a <see cref="StoredFile"/> owned by the settings.</summary>
public static class BrandingEndpoints
{
    public static readonly FileOwner LogoOwner = new("Settings", 0);

    public static void MapBranding(this WebApplication app) =>
        // Signed-in users only (fallback policy); the layout adds ?v=<file id> so a new logo is never served stale.
        app.MapGet("/marca/logo", LogoAsync);

    private static async Task<IResult> LogoAsync(HttpContext http, SettingsService settings, PortalDb db, FileUploads files, CancellationToken ct) =>
        await InlineImage.ServeAsync(http, files, await LogoFileAsync(settings, db, ct), ct);

    /// <summary>The stored file of the logo chosen under Configurações › Identidade visual, if any.</summary>
    public static async Task<StoredFile?> LogoFileAsync(SettingsService settings, PortalDb db, CancellationToken ct)
    {
        if ((await settings.GetAsync(ct)).LogoFileId is not Guid id) return null;
        return await db.StoredFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == id && f.OwnerType == LogoOwner.Type && f.Purpose == PlatformFileUseCases.Logo, ct);
    }
}
