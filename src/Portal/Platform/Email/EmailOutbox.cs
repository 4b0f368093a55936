using Portal.Platform.Data;
using Portal.Platform.Validation;

namespace Portal.Platform.Email;

/// <summary>
/// Queues e-mail in the outbox table within the caller's unit of work (the caller saves, together with the change
/// that caused it); <see cref="OutboxSender"/> sends it later (notifications.md §6). Without SMTP configured,
/// messages stay queued and visible to administrators, and expire after 24 h.
/// </summary>
public sealed class EmailOutbox(PortalDb db, TimeProvider clock)
{
    public OutboxEmail Enqueue(string to, string subject, string bodyText, string kind, string? bodyHtml = null) =>
        Enqueue([to], subject, bodyText, kind, bodyHtml);

    public OutboxEmail Enqueue(IReadOnlyCollection<string> to, string subject, string bodyText, string kind, string? bodyHtml = null,
        string? correlationType = null, string? correlationId = null)
    {
        var recipients = to.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count is 0 or > OutboxEmail.MaxRecipients)
            throw new ArgumentException($"Um e-mail precisa de 1 a {OutboxEmail.MaxRecipients} destinatários.", nameof(to));
        if (recipients.FirstOrDefault(a => !Validators.IsEmail(a)) is { } invalid)
            throw new ArgumentException($"Endereço de e-mail inválido: {invalid}", nameof(to));
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxEmail
        {
            ToAddress = string.Join(", ", recipients),
            Subject = subject.Length > OutboxEmail.SubjectMax ? subject[..OutboxEmail.SubjectMax] : subject,
            BodyText = bodyText, BodyHtml = bodyHtml, Kind = kind,
            CorrelationType = correlationType, CorrelationId = correlationId,
            CreatedAt = now, NextAttemptAt = now,
        };
        db.OutboxEmails.Add(message);
        return message;
    }
}
