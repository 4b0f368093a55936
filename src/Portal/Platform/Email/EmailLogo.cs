using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Settings;

namespace Portal.Platform.Email;

/// <summary>The firm's logo as an inline (CID) image of the outgoing message: nothing the reader's client must fetch.</summary>
public sealed record EmailLogo(byte[] Content, string ContentType)
{
    public const string ContentId = "firm-logo";

    /// <summary>Where <see cref="BrandedEmail"/> leaves room for the logo; the transport fills it only when it attaches one.</summary>
    public const string Placeholder = "<!--firm-logo-->";
}

/// <summary>Reads the logo chosen under Configurações › Identidade visual at send time (a logo changed later is the one sent).</summary>
public sealed class EmailLogoSource(SettingsService settings, PortalDb db, FileUploads files, ILogger<EmailLogoSource> log)
{
    public async Task<EmailLogo?> LoadAsync(CancellationToken ct = default)
    {
        var file = await BrandingEndpoints.LogoFileAsync(settings, db, ct);
        if (file is null || !file.ContentType.StartsWith("image/", StringComparison.Ordinal)) return null;
        try
        {
            await using var stream = await files.OpenReadAsync(file, ct);
            if (stream is null) return null;
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return new EmailLogo(copy.ToArray(), file.ContentType);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable logo must not hold the mail back: the header then shows the firm's name only.
            log.LogWarning(ex, "Logotipo do escritório ilegível; e-mails saem sem ele");
            return null;
        }
    }
}
