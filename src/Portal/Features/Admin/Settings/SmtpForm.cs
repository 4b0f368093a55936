using System.Text.RegularExpressions;
using Portal.Platform.Settings;
using Portal.Platform.Validation;
using static Portal.Features.Admin.Settings.SettingsFields;

namespace Portal.Features.Admin.Settings;

/// <summary>"E-mail (SMTP)" (notifications.md §6). Only stored here; the outbox sender reads it.</summary>
public sealed partial class SmtpForm
{
    public static readonly IReadOnlyList<(string Value, string Label)> SecurityOptions =
        [("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", "Nenhuma")];

    public string? Host { get; set; }
    public string? Port { get; set; }
    public string? Security { get; set; }
    public string? User { get; set; }
    /// <summary>Write-only: never filled from storage; blank keeps the stored password.</summary>
    public string? Password { get; set; }
    public bool RemovePassword { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string? ReplyTo { get; set; }

    public static SmtpForm From(PortalSettings s) => new()
    {
        Host = s.SmtpHost,
        Port = Format(s.SmtpPort),
        Security = s.SmtpSecurity,
        User = s.SmtpUser,
        FromAddress = s.SmtpFrom,
        FromName = s.SmtpFromName,
        ReplyTo = s.SmtpReplyTo,
    };

    public Dictionary<string, string?>? Validate(FieldErrors errors)
    {
        var host = Validators.Text(errors, nameof(Host), Host, 255, required: false);
        if (host is not null && !HostPattern().IsMatch(host)) errors.Add(nameof(Host), "Servidor inválido.");
        var port = Integer(errors, nameof(Port), Port, 1, 65535);
        if (SecurityOptions.All(o => o.Value != Security)) errors.Add(nameof(Security), Invalid);
        var user = Validators.Text(errors, nameof(User), User, 255, required: false);
        if (Password is { Length: > 500 }) errors.Add(nameof(Password), Validators.MaxLength(500));
        if (RemovePassword && HasNewSecret(Password))
            errors.Add(nameof(Password), "Informe uma nova senha ou marque \"Remover senha\", não os dois.");
        // Without a server the sender is optional; with one, e-mails need a From address.
        var from = Email(errors, nameof(FromAddress), FromAddress, required: host is not null);
        var fromName = Validators.Text(errors, nameof(FromName), FromName, 120, required: false);
        var replyTo = Email(errors, nameof(ReplyTo), ReplyTo, required: false);
        if (!errors.IsValid) return null;

        var values = new Dictionary<string, string?>
        {
            [SettingKeys.SmtpHost] = host,
            [SettingKeys.SmtpPort] = Format(port!.Value),
            [SettingKeys.SmtpSecurity] = Security,
            [SettingKeys.SmtpUser] = user,
            [SettingKeys.SmtpFrom] = from,
            [SettingKeys.SmtpFromName] = fromName,
            [SettingKeys.SmtpReplyTo] = replyTo,
        };
        if (HasNewSecret(Password)) values[SettingKeys.SmtpPassword] = Password;
        else if (RemovePassword) values[SettingKeys.SmtpPassword] = null;
        return values;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")]
    private static partial Regex HostPattern();
}
