using Portal.Platform.Settings;
using Portal.Platform.Validation;
using static Portal.Features.Admin.Settings.SettingsFields;

namespace Portal.Features.Admin.Settings;

/// <summary>
/// "Segurança": password minimum (identity.md §8.1, never below 8), session timeouts (§7), page size, and whether the
/// API documentation is public (api.md §2).
/// </summary>
public sealed class SecurityForm
{
    public const string IdleOverAbsolute = "A inatividade não pode ser maior que a duração máxima.";

    public string? PasswordMinLength { get; set; }
    public string? SessionIdleHours { get; set; }
    public string? SessionAbsoluteHours { get; set; }
    public string? PersistentIdleDays { get; set; }
    public string? PersistentAbsoluteDays { get; set; }
    public string? DefaultPageSize { get; set; }
    public bool ApiDocsPublic { get; set; }

    public static SecurityForm From(PortalSettings s) => new()
    {
        PasswordMinLength = Format(s.PasswordMinLength),
        SessionIdleHours = Format((int)s.SessionIdle.TotalHours),
        SessionAbsoluteHours = Format((int)s.SessionAbsolute.TotalHours),
        PersistentIdleDays = Format((int)s.PersistentIdle.TotalDays),
        PersistentAbsoluteDays = Format((int)s.PersistentAbsolute.TotalDays),
        DefaultPageSize = Format(s.DefaultPageSize),
        ApiDocsPublic = s.ApiDocsPublic,
    };

    public Dictionary<string, string?>? Validate(FieldErrors errors)
    {
        var minLength = Integer(errors, nameof(PasswordMinLength), PasswordMinLength, 8, 128);
        var idleHours = Integer(errors, nameof(SessionIdleHours), SessionIdleHours, 1, 72);
        var absoluteHours = Integer(errors, nameof(SessionAbsoluteHours), SessionAbsoluteHours, 1, 168);
        var idleDays = Integer(errors, nameof(PersistentIdleDays), PersistentIdleDays, 1, 90);
        var absoluteDays = Integer(errors, nameof(PersistentAbsoluteDays), PersistentAbsoluteDays, 1, 365);
        var pageSize = Integer(errors, nameof(DefaultPageSize), DefaultPageSize, 10, 200);
        if (idleHours > absoluteHours) errors.Add(nameof(SessionIdleHours), IdleOverAbsolute);
        if (idleDays > absoluteDays) errors.Add(nameof(PersistentIdleDays), IdleOverAbsolute);
        if (!errors.IsValid) return null;
        return new Dictionary<string, string?>
        {
            [SettingKeys.PasswordMinLength] = Format(minLength!.Value),
            [SettingKeys.SessionIdleHours] = Format(idleHours!.Value),
            [SettingKeys.SessionAbsoluteHours] = Format(absoluteHours!.Value),
            [SettingKeys.PersistentIdleDays] = Format(idleDays!.Value),
            [SettingKeys.PersistentAbsoluteDays] = Format(absoluteDays!.Value),
            [SettingKeys.DefaultPageSize] = Format(pageSize!.Value),
            [SettingKeys.ApiDocsPublic] = Format(ApiDocsPublic),
        };
    }
}
