using System.Globalization;

namespace Portal.Platform.Settings;

public static class SettingKeys
{
    public const string FirmName = "firm.name";
    public const string FirmShortName = "firm.short_name";
    public const string LogoFileId = "firm.logo_file_id";
    public const string PrimaryColor = "firm.primary_color";
    public const string PrivacyText = "firm.privacy_text";
    public const string DefaultPageSize = "ui.default_page_size";
    public const string PasswordMinLength = "security.password_min_length";
    public const string SessionIdleHours = "security.session_idle_hours";
    public const string SessionAbsoluteHours = "security.session_absolute_hours";
    public const string PersistentIdleDays = "security.persistent_idle_days";
    public const string PersistentAbsoluteDays = "security.persistent_absolute_days";
    public const string ApiDocsPublic = "api.docs_public";
    public const string GoogleClientId = "google.client_id";
    public const string GoogleClientSecret = "google.client_secret";
    public const string GoogleAllowedDomains = "google.allowed_domains";
    public const string GoogleAutoCreate = "google.auto_create";
    public const string GoogleAutoCreateRoleId = "google.auto_create_role_id";
    public const string GoogleSyncName = "google.sync_name";
    public const string SmtpHost = "smtp.host";
    public const string SmtpPort = "smtp.port";
    public const string SmtpUser = "smtp.user";
    public const string SmtpPassword = "smtp.password";
    public const string SmtpFrom = "smtp.from";
    public const string SmtpUseTls = "smtp.use_tls";
    public const string SmtpSecurity = "smtp.security";
    public const string SmtpFromName = "smtp.from_name";
    public const string SmtpReplyTo = "smtp.reply_to";

    private static readonly HashSet<string> Secrets = [GoogleClientSecret, SmtpPassword];

    public static bool IsSecret(string key) => Secrets.Contains(key);
}

/// <summary>Typed, read-only snapshot of the settings table with the spec's defaults.</summary>
public sealed class PortalSettings(IReadOnlyDictionary<string, string?> values)
{
    public string? Raw(string key) => values.TryGetValue(key, out var v) ? v : null;

    private string Text(string key, string fallback) => Raw(key) is { Length: > 0 } v ? v : fallback;

    private int Int(string key, int fallback) =>
        int.TryParse(Raw(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private bool Bool(string key, bool fallback) => bool.TryParse(Raw(key), out var v) ? v : fallback;

    public string FirmName => Text(SettingKeys.FirmName, "Portal Contábil");
    public string? FirmShortName => Raw(SettingKeys.FirmShortName);
    public Guid? LogoFileId => Guid.TryParse(Raw(SettingKeys.LogoFileId), out var id) ? id : null;
    public string PrimaryColor => Text(SettingKeys.PrimaryColor, "#0b288b");
    public string? PrivacyText => Raw(SettingKeys.PrivacyText);
    public int DefaultPageSize => Math.Clamp(Int(SettingKeys.DefaultPageSize, 50), 10, 200);
    public int PasswordMinLength => Math.Max(8, Int(SettingKeys.PasswordMinLength, 12));
    public TimeSpan SessionIdle => TimeSpan.FromHours(Int(SettingKeys.SessionIdleHours, 8));
    public TimeSpan SessionAbsolute => TimeSpan.FromHours(Int(SettingKeys.SessionAbsoluteHours, 12));
    public TimeSpan PersistentIdle => TimeSpan.FromDays(Int(SettingKeys.PersistentIdleDays, 7));
    public TimeSpan PersistentAbsolute => TimeSpan.FromDays(Int(SettingKeys.PersistentAbsoluteDays, 30));
    public bool ApiDocsPublic => Bool(SettingKeys.ApiDocsPublic, false);

    public string? GoogleClientId => Raw(SettingKeys.GoogleClientId);
    public bool GoogleConfigured => !string.IsNullOrWhiteSpace(GoogleClientId) && !string.IsNullOrWhiteSpace(Raw(SettingKeys.GoogleClientSecret));
    public IReadOnlyList<string> GoogleAllowedDomains =>
        (Raw(SettingKeys.GoogleAllowedDomains) ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.ToLowerInvariant()).ToList();
    /// <summary>"Criar conta" only counts while at least one allowed domain exists (identity.md §6).</summary>
    public bool GoogleAutoCreate => Bool(SettingKeys.GoogleAutoCreate, false) && GoogleAllowedDomains.Count > 0;
    public long? GoogleAutoCreateRoleId => long.TryParse(Raw(SettingKeys.GoogleAutoCreateRoleId), out var id) ? id : null;
    public bool GoogleSyncName => Bool(SettingKeys.GoogleSyncName, true);

    public string? SmtpHost => Raw(SettingKeys.SmtpHost);
    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost) && !string.IsNullOrWhiteSpace(Raw(SettingKeys.SmtpFrom));
    public int SmtpPort => Int(SettingKeys.SmtpPort, 587);
    public string? SmtpUser => Raw(SettingKeys.SmtpUser);
    public string? SmtpFrom => Raw(SettingKeys.SmtpFrom);
    /// <summary>notifications.md §6: none | starttls | ssl; falls back to the older use_tls flag.</summary>
    public string SmtpSecurity => Raw(SettingKeys.SmtpSecurity) is "none" or "starttls" or "ssl"
        ? Raw(SettingKeys.SmtpSecurity)!
        : Bool(SettingKeys.SmtpUseTls, true) ? "starttls" : "none";
    public bool SmtpUseTls => SmtpSecurity != "none";
    public string? SmtpFromName => Raw(SettingKeys.SmtpFromName);
    public string? SmtpReplyTo => Raw(SettingKeys.SmtpReplyTo);
    public bool SmtpPasswordConfigured => !string.IsNullOrEmpty(Raw(SettingKeys.SmtpPassword));
    public bool GoogleSecretConfigured => !string.IsNullOrEmpty(Raw(SettingKeys.GoogleClientSecret));
}
