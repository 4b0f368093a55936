using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Email;

/// <summary>
/// An e-mail waiting to be sent by the outbox job (notifications.md §2 "EmailMessage"); e-mail is never sent inline in
/// a request. It is queued in the same unit of work as the business change that caused it.
/// </summary>
public sealed class OutboxEmail
{
    public const int MaxRecipients = 50;
    public const int SubjectMax = 255;
    public const int LastErrorMax = 1000;

    public long Id { get; set; }
    /// <summary>1–50 addresses, separated by ", ".</summary>
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string BodyText { get; set; } = "";
    public string? BodyHtml { get; set; }
    /// <summary>What produced it (password_reset, notification, test…), for the administration page.</summary>
    public string Kind { get; set; } = "";
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The record the message is about (e.g. "Notification"/42), to trace or purge it with its source.</summary>
    public string? CorrelationType { get; set; }
    public string? CorrelationId { get; set; }

    public IReadOnlyList<string> Recipients =>
        ToAddress.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum OutboxStatus { Pending = 0, Sent = 1, Failed = 2 }

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("OutboxEmails");
        // Up to 50 addresses: unbounded text (a 13 kB VARCHAR would eat MySQL's row-size budget); checked on enqueue.
        b.Property(e => e.ToAddress).IsRequired();
        b.Property(e => e.Subject).HasMaxLength(OutboxEmail.SubjectMax).IsRequired();
        b.Property(e => e.Kind).HasMaxLength(60).IsRequired();
        b.Property(e => e.LastError).HasMaxLength(OutboxEmail.LastErrorMax);
        b.Property(e => e.CorrelationType).HasMaxLength(60);
        b.Property(e => e.CorrelationId).HasMaxLength(64);
        b.Ignore(e => e.Recipients);
        b.HasIndex(e => new { e.Status, e.NextAttemptAt });
        b.HasIndex(e => e.CreatedAt);
        b.HasIndex(e => new { e.CorrelationType, e.CorrelationId });
    }
}
