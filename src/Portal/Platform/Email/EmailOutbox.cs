using Portal.Platform.Data;

namespace Portal.Platform.Email;

/// <summary>
/// Queues e-mail in the outbox table within the caller's unit of work; the outbox job sends it (notifications.md §6).
/// Without SMTP configured, messages simply stay queued and visible to administrators.
/// </summary>
public sealed class EmailOutbox(PortalDb db, TimeProvider clock)
{
    public OutboxEmail Enqueue(string to, string subject, string bodyText, string kind, string? bodyHtml = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxEmail
        {
            ToAddress = to, Subject = subject, BodyText = bodyText, BodyHtml = bodyHtml, Kind = kind,
            CreatedAt = now, NextAttemptAt = now,
        };
        db.OutboxEmails.Add(message);
        return message;
    }
}
