using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Ops.Backup;

public enum BackupRunStatus { Running = 0, Succeeded = 1, SucceededWithWarnings = 2, Failed = 3 }

/// <summary>One backup run (operations.md §8.1 step 12): the status history on /admin/backups.</summary>
public sealed class BackupRun
{
    public long Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public BackupRunStatus Status { get; set; }
    /// <summary>"manual", "agendado", "cli" or "pré-migração".</summary>
    public string Trigger { get; set; } = "";
    public string? StartedBy { get; set; }
    /// <summary>Archive file name inside Backup:Path (never a path: downloads resolve it there).</summary>
    public string? FileName { get; set; }
    public string? Location { get; set; }
    public long? SizeBytes { get; set; }
    public string? Sha256 { get; set; }
    public bool Encrypted { get; set; }
    /// <summary>null = no copy configured; else "ok" or the pt-BR reason it failed.</summary>
    public string? CopyStatus { get; set; }
    public string? Message { get; set; }

    public const int MessageMax = 1000;

    public static string StatusLabel(BackupRunStatus status) => status switch
    {
        BackupRunStatus.Running => "Em execução",
        BackupRunStatus.Succeeded => "Concluído",
        BackupRunStatus.SucceededWithWarnings => "Concluído com avisos",
        _ => "Falhou",
    };
}

internal sealed class BackupRunConfiguration : IEntityTypeConfiguration<BackupRun>
{
    public void Configure(EntityTypeBuilder<BackupRun> b)
    {
        b.ToTable("BackupRuns");
        b.Property(r => r.Trigger).HasMaxLength(30).IsRequired();
        b.Property(r => r.StartedBy).HasMaxLength(120);
        b.Property(r => r.FileName).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(500);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.Property(r => r.CopyStatus).HasMaxLength(500);
        b.Property(r => r.Message).HasMaxLength(BackupRun.MessageMax);
        b.HasIndex(r => r.StartedAt);
    }
}
