using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Cli;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Jobs;
using Portal.Platform.Realtime;

namespace Portal.Platform.Health;

/// <summary>What /admin/saude shows (operations.md §6.2), read once per page view.</summary>
public sealed record HealthSnapshot
{
    public required string Version { get; init; }
    public required string Environment { get; init; }
    public required TimeSpan Uptime { get; init; }
    public required string DatabaseProvider { get; init; }
    public string? DatabaseVersion { get; init; }
    public long? DatabaseLatencyMs { get; init; }
    public IReadOnlyList<string> PendingMigrations { get; init; } = [];
    public required long WorkingSetBytes { get; init; }
    public required long ManagedHeapBytes { get; init; }
    public required double CpuPercent { get; init; }
    public required int ThreadPoolThreads { get; init; }
    public required long ThreadPoolQueue { get; init; }
    public required int OpenStreams { get; init; }
    public IReadOnlyList<JobStatus> Jobs { get; init; } = [];
    public int OutboxPending { get; init; }
    public int OutboxFailed { get; init; }
    public IReadOnlyList<VolumeSpace> Volumes { get; init; } = [];
    public (int? Days, string Level)? Certificate { get; init; }
    public DateTime? LastBackup { get; init; }
    public required string BackupLevel { get; init; }
    public required long LogFolderBytes { get; init; }
    public IReadOnlyList<ErrorEntry> RecentErrors { get; init; } = [];
}

public sealed class HealthReport(PortalDb db, DatabaseProvider provider, PortalJobs jobs, RealtimeBroadcaster streams, OperationalChecks operational,
    ErrorLog errors, PortalPaths paths, IHostEnvironment environment, TimeProvider clock)
{
    public async Task<HealthSnapshot> ReadAsync(CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        var uptime = clock.GetUtcNow().UtcDateTime - process.StartTime.ToUniversalTime();
        var cpu = uptime.TotalMilliseconds <= 0 ? 0 : 100.0 * process.TotalProcessorTime.TotalMilliseconds / (uptime.TotalMilliseconds * System.Environment.ProcessorCount);

        string? version = null;
        long? latency = null;
        IReadOnlyList<string> pending = [];
        IReadOnlyList<JobStatus> jobList = [];
        int outboxPending = 0, outboxFailed = 0;
        DateTime? lastBackup = null;
        try
        {
            var watch = Stopwatch.StartNew();
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            latency = watch.ElapsedMilliseconds;
            version = provider.Kind == DatabaseKind.MySql
                ? provider.MySqlServerVersion.ToString()
                : await db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync(ct);
            pending = [.. await db.Database.GetPendingMigrationsAsync(ct)];
            jobList = await jobs.StatusAsync(db, ct);
            var outbox = await db.OutboxEmails.AsNoTracking().Where(e => e.Status != OutboxStatus.Sent)
                .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            outboxPending = outbox.Where(o => o.Key == OutboxStatus.Pending).Sum(o => o.Count);
            outboxFailed = outbox.Where(o => o.Key == OutboxStatus.Failed).Sum(o => o.Count);
            lastBackup = await operational.LastBackupAsync(db, ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException) { }

        return new HealthSnapshot
        {
            Version = PortalCli.Version,
            Environment = environment.EnvironmentName,
            Uptime = uptime,
            DatabaseProvider = provider.Kind == DatabaseKind.MySql ? "MySQL/MariaDB" : "SQLite",
            DatabaseVersion = version,
            DatabaseLatencyMs = latency,
            PendingMigrations = pending,
            WorkingSetBytes = process.WorkingSet64,
            ManagedHeapBytes = GC.GetTotalMemory(false),
            CpuPercent = cpu,
            ThreadPoolThreads = ThreadPool.ThreadCount,
            ThreadPoolQueue = ThreadPool.PendingWorkItemCount,
            OpenStreams = streams.Connections().Count,
            Jobs = jobList,
            OutboxPending = outboxPending,
            OutboxFailed = outboxFailed,
            Volumes = operational.Volumes(),
            Certificate = await operational.CertificateAsync(ct),
            LastBackup = lastBackup,
            BackupLevel = operational.BackupLevel(lastBackup),
            LogFolderBytes = Directory.Exists(paths.LogsPath)
                ? new DirectoryInfo(paths.LogsPath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0,
            RecentErrors = await errors.RecentAsync(clock.GetUtcNow().UtcDateTime.AddDays(-1), 20, ct),
        };
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MB",
        _ => $"{bytes / 1024.0:0} KB",
    };

    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{(int)span.TotalMinutes} min";
}
