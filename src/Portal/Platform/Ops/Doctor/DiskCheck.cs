using Portal.Platform.Configuration;
using Portal.Platform.Ops.Backup;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"Espaço em disco" of the data and backup volumes: warning below 10 %, failure below 2 %.</summary>
public sealed class DiskCheck(PortalPaths paths, BackupOptions backup) : IDoctorCheck
{
    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>();
        foreach (var (label, folder) in new[] { ("dados", paths.DataPath), ("backups", backup.Path) })
        {
            var existing = folder;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
            var drive = new DriveInfo(existing);
            var free = drive.TotalSize == 0 ? 1.0 : (double)drive.AvailableFreeSpace / drive.TotalSize;
            var detail = $"Pasta de {label} ({folder}): {drive.AvailableFreeSpace / 1024.0 / 1024 / 1024:0.0} GB livres ({free:P0}).";
            const string fix = "Libere espaço (backups antigos, logs) ou aumente o volume; sem espaço o banco e os backups falham.";
            findings.Add(free < 0.02 ? DoctorFinding.Failed("Espaço em disco", detail, fix)
                : free < 0.10 ? DoctorFinding.Warning("Espaço em disco", detail, fix)
                : DoctorFinding.Ok("Espaço em disco", detail));
        }
        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
    }
}
