using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Ops.Certificates;

public enum RenewalOutcome { Running = 0, NotNeeded = 1, Renewed = 2, Failed = 3, RolledBack = 4 }

/// <summary>One renewal run (operations.md §5.3): the history on /admin/certificados.</summary>
public sealed class CertificateRenewal
{
    public long Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>"agendado", "manual", "cli", "nova tentativa".</summary>
    public string Trigger { get; set; } = "";
    public string? StartedBy { get; set; }
    /// <summary>"acme", "comando" or "nenhum".</summary>
    public string Method { get; set; } = "";
    public RenewalOutcome Outcome { get; set; }
    public int? DaysLeftBefore { get; set; }
    public string? PreviousThumbprint { get; set; }
    public string? NewThumbprint { get; set; }
    public DateTime? NewNotAfter { get; set; }
    public string? Message { get; set; }

    public const int MessageMax = 2000;

    public static string OutcomeLabel(RenewalOutcome outcome) => outcome switch
    {
        RenewalOutcome.Running => "Em execução",
        RenewalOutcome.NotNeeded => "Não necessária",
        RenewalOutcome.Renewed => "Renovado",
        RenewalOutcome.RolledBack => "Revertida",
        _ => "Falhou",
    };
}

internal sealed class CertificateRenewalConfiguration : IEntityTypeConfiguration<CertificateRenewal>
{
    public void Configure(EntityTypeBuilder<CertificateRenewal> b)
    {
        b.ToTable("CertificateRenewals");
        b.Property(r => r.Trigger).HasMaxLength(30).IsRequired();
        b.Property(r => r.StartedBy).HasMaxLength(120);
        b.Property(r => r.Method).HasMaxLength(20).IsRequired();
        b.Property(r => r.PreviousThumbprint).HasMaxLength(64);
        b.Property(r => r.NewThumbprint).HasMaxLength(64);
        b.Property(r => r.Message).HasMaxLength(CertificateRenewal.MessageMax);
        b.HasIndex(r => r.StartedAt);
    }
}
