using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;

namespace Portal.Platform.Health;

/// <summary>Level of one readiness/health item, as /health/ready spells it (operations.md §6.1).</summary>
public static class CheckLevel
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Failed = "failed";
}

/// <summary>Free space of one volume the portal writes to.</summary>
public sealed record VolumeSpace(string Label, string Path, long FreeBytes, long TotalBytes)
{
    public double FreePercent => TotalBytes == 0 ? 0 : 100.0 * FreeBytes / TotalBytes;
    public string Level => FreeBytes < TotalBytes / 10 ? CheckLevel.Warning : CheckLevel.Ok;
}

/// <summary>
/// The informative items shared by /health/ready (for holders of system.health) and /admin/saude: disk space of the
/// data and backup volumes (warning under 10 %), certificate days left (warning under 30, failed under 7), last
/// successful backup (warning after 8 days). None of them decides the readiness status code.
/// </summary>
public sealed class OperationalChecks(IConfiguration config, PortalPaths paths, BackupOptions backup, Ops.Certificates.PresentedCertificate presented, TimeProvider clock)
{
    public static readonly TimeSpan BackupMaxAge = TimeSpan.FromDays(8);

    public IReadOnlyList<VolumeSpace> Volumes()
    {
        var list = new List<VolumeSpace>();
        foreach (var (label, path) in new[] { ("Dados", paths.DataPath), ("Backups", backup.Path) })
        {
            try
            {
                var existing = path;
                while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
                var drive = new DriveInfo(existing);
                if (list.Any(v => v.Path == drive.RootDirectory.FullName && v.Label != label)) { list.Add(list.First(v => v.Path == drive.RootDirectory.FullName) with { Label = label }); continue; }
                list.Add(new VolumeSpace(label, drive.RootDirectory.FullName, drive.AvailableFreeSpace, drive.TotalSize));
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException) { }
        }
        return list;
    }

    public string DiskLevel(IReadOnlyList<VolumeSpace> volumes) =>
        volumes.Count < 2 ? CheckLevel.Warning : volumes.Any(v => v.Level != CheckLevel.Ok) ? CheckLevel.Warning : CheckLevel.Ok;

    /// <summary>
    /// Days left of the certificate the HTTPS endpoint presents (handshake), else of Tls:CertificatePath (PEM/DER/PFX);
    /// null when there is neither.
    /// </summary>
    public async Task<(int? Days, string Level)?> CertificateAsync(CancellationToken ct)
    {
        if (await presented.ReadAsync(ct) is { } served)
        {
            var left = served.DaysLeft(clock.GetUtcNow().UtcDateTime);
            return (left, Level(left));
        }
        return CertificateFile();
    }

    private static string Level(int days) => days < 7 ? CheckLevel.Failed : days < 30 ? CheckLevel.Warning : CheckLevel.Ok;

    private (int? Days, string Level)? CertificateFile()
    {
        if (config["Tls:CertificatePath"] is not { Length: > 0 } configured) return null;
        var path = Path.GetFullPath(configured, paths.DataPath);
        try
        {
            using var certificate = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, config["Tls:CertificatePassword"])
                : X509CertificateLoader.LoadCertificateFromFile(path);
            var days = (int)Math.Floor((certificate.NotAfter.ToUniversalTime() - clock.GetUtcNow().UtcDateTime).TotalDays);
            return (days, Level(days));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return (null, CheckLevel.Failed);
        }
    }

    /// <summary>Start of the last successful backup; null when there is none.</summary>
    public async Task<DateTime?> LastBackupAsync(PortalDb db, CancellationToken ct)
    {
        try
        {
            return await db.Set<BackupRun>().AsNoTracking()
                .Where(r => r.Status == BackupRunStatus.Succeeded || r.Status == BackupRunStatus.SucceededWithWarnings)
                .MaxAsync(r => (DateTime?)r.StartedAt, ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException) { return null; }
    }

    public string BackupLevel(DateTime? last) =>
        last is null || clock.GetUtcNow().UtcDateTime - last.Value > BackupMaxAge ? CheckLevel.Warning : CheckLevel.Ok;
}
