using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Portal.Platform.Settings;

namespace Portal.Platform.Email;

/// <summary>The SMTP settings of notifications.md §6, with the password already decrypted.</summary>
public sealed record SmtpOptions(string Host, int Port, string Security, string? User, string? Password, string FromAddress,
    string? FromName, string? ReplyTo)
{
    /// <summary>The firm's logo, attached inline to branded messages (null: the header shows the firm's name only).</summary>
    public EmailLogo? Logo { get; init; }

    public static async Task<SmtpOptions?> LoadAsync(SettingsService settings, CancellationToken ct = default)
    {
        var s = await settings.GetAsync(ct);
        if (!s.SmtpConfigured) return null;
        return new SmtpOptions(s.SmtpHost!, s.SmtpPort, s.SmtpSecurity, s.SmtpUser,
            settings.RevealSecret(s, SettingKeys.SmtpPassword), s.SmtpFrom!, s.SmtpFromName, s.SmtpReplyTo);
    }
}

/// <summary>Sends one message over SMTP. An interface so the sender's retry rules can be tested without a socket.</summary>
public interface IEmailTransport
{
    Task SendAsync(SmtpOptions options, OutboxEmail email, CancellationToken ct);
}

/// <summary>MailKit transport: one connection per message (messages are few; a failure stays with its message).</summary>
public sealed class MailKitTransport : IEmailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(SmtpOptions options, OutboxEmail email, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = options.Security switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(options.Host, options.Port, security, ct);
        if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        await client.SendAsync(Build(options, email), ct);
        await client.DisconnectAsync(true, ct);
    }

    public static MimeMessage Build(SmtpOptions options, OutboxEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName ?? "", options.FromAddress));
        if (!string.IsNullOrEmpty(options.ReplyTo)) message.ReplyTo.Add(MailboxAddress.Parse(options.ReplyTo));
        foreach (var to in email.Recipients) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = email.Subject;
        // Lets a receiving system recognise a retry of the same outbox row.
        message.MessageId = $"outbox-{email.Id}-{email.CreatedAt:yyyyMMddHHmmss}@portal";
        var body = new BodyBuilder { TextBody = email.BodyText, HtmlBody = email.BodyHtml };
        if (options.Logo is { } logo && email.BodyHtml is { } html && html.Contains(EmailLogo.Placeholder, StringComparison.Ordinal))
        {
            // multipart/related inside the alternative: the image travels with the message, referenced by cid:.
            var image = body.LinkedResources.Add("logo", logo.Content, ContentType.Parse(logo.ContentType));
            image.ContentId = EmailLogo.ContentId;
            body.HtmlBody = html.Replace(EmailLogo.Placeholder,
                $"<img src=\"cid:{EmailLogo.ContentId}\" alt=\"\" height=\"40\" style=\"height:40px;vertical-align:middle;margin-right:12px;border:0\">",
                StringComparison.Ordinal);
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
