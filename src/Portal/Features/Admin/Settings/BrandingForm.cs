using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Features.Admin.Settings;

/// <summary>"Identidade visual" (platform.md §12): names, colour, privacy text; the logo file is handled by the page.</summary>
public sealed class BrandingForm
{
    public const int PrivacyMax = 5000;
    public const string InvalidColor = "Informe a cor no formato #RRGGBB (ex.: #0b288b).";

    public string? FirmName { get; set; }
    public string? ShortName { get; set; }
    public string? PrimaryColor { get; set; }
    public string? PrivacyText { get; set; }
    public IFormFile? Logo { get; set; }

    public static BrandingForm From(PortalSettings s) => new()
    {
        FirmName = s.FirmName,
        ShortName = s.FirmShortName,
        PrimaryColor = s.PrimaryColor,
        PrivacyText = s.PrivacyText,
    };

    /// <summary>The setting values to stage, or null (with <paramref name="errors"/> filled) when invalid.</summary>
    public Dictionary<string, string?>? Validate(FieldErrors errors)
    {
        var name = Validators.Text(errors, nameof(FirmName), FirmName, 120);
        var shortName = Validators.Text(errors, nameof(ShortName), ShortName, 40, required: false);
        var color = string.IsNullOrWhiteSpace(PrimaryColor) ? null : PrimaryColor.Trim();
        if (color is null) errors.Add(nameof(PrimaryColor), Validators.Required);
        else if (!Validators.IsColor(color)) errors.Add(nameof(PrimaryColor), InvalidColor);
        // Line breaks and indentation inside the text are the admin's layout; only the ends are trimmed.
        var privacy = string.IsNullOrWhiteSpace(PrivacyText) ? null : PrivacyText.Trim().ReplaceLineEndings("\n");
        if (privacy is { Length: > PrivacyMax }) errors.Add(nameof(PrivacyText), Validators.MaxLength(PrivacyMax));
        if (!errors.IsValid) return null;
        return new Dictionary<string, string?>
        {
            [SettingKeys.FirmName] = name,
            [SettingKeys.FirmShortName] = shortName,
            [SettingKeys.PrimaryColor] = color!.ToLowerInvariant(),
            [SettingKeys.PrivacyText] = privacy,
        };
    }
}
