using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Jobs;

public enum JobRunStatus { Running = 0, Succeeded = 1, Failed = 2 }

/// <summary>
/// One execution of a scheduled job (operations.md §10). This table, not Quartz's store, is what the health page reads:
/// last run, duration, status and message per job.
/// </summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public string JobKey { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public JobRunStatus Status { get; set; }
    public int ItemsProcessed { get; set; }
    public string? Message { get; set; }
    /// <summary>Which portal instance ran it (host and Quartz node), to see the single runner of a cluster at work.</summary>
    public string Instance { get; set; } = "";
    public bool Manual { get; set; }

    public const int MessageMax = 1000;
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(r => r.JobKey).HasMaxLength(100).IsRequired();
        b.Property(r => r.Message).HasMaxLength(JobRun.MessageMax);
        b.Property(r => r.Instance).HasMaxLength(200).IsRequired();
        b.HasIndex(r => new { r.JobKey, r.StartedAt });
        b.HasIndex(r => r.StartedAt);
    }
}
