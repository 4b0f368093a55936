using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Email;

/// <summary>An e-mail waiting to be sent by the outbox job; e-mail is never sent inline in a request.</summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string BodyText { get; set; } = "";
    public string? BodyHtml { get; set; }
    public string Kind { get; set; } = "";
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

public enum OutboxStatus { Pending = 0, Sent = 1, Failed = 2 }

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("OutboxEmails");
        b.Property(e => e.ToAddress).HasMaxLength(254).IsRequired();
        b.Property(e => e.Subject).HasMaxLength(255).IsRequired();
        b.Property(e => e.Kind).HasMaxLength(60).IsRequired();
        b.Property(e => e.LastError).HasMaxLength(1000);
        b.HasIndex(e => new { e.Status, e.NextAttemptAt });
    }
}
