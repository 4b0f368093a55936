using System.Text.Json;
using Portal.Platform.Audit;
using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Backup;

/// <summary>
/// "Audited on next start" (operations.md §8.2): a restore runs with the service stopped and may replace the very
/// database the audit log lives in, so it leaves a note in the data folder and the next start records it.
/// </summary>
public static class RestoreAudit
{
    public const string FileName = "restore-pending.json";

    public sealed record Note(DateTime At, string Archive, IReadOnlyList<string> Parts, string Target, string OsUser, IReadOnlyList<string> Summary);

    public static void Write(PortalPaths paths, Note note)
    {
        var file = Path.Combine(paths.DataPath, FileName);
        var temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(note));
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>Records a pending note as an audit entry (channel cli, actor the OS account) and removes it.</summary>
    public static async Task RecordPendingAsync(IServiceProvider services, ILogger log, CancellationToken ct = default)
    {
        var file = Path.Combine(services.GetRequiredService<PortalPaths>().DataPath, FileName);
        if (!File.Exists(file)) return;
        Note? note;
        try
        {
            note = JsonSerializer.Deserialize<Note>(await File.ReadAllTextAsync(file, ct));
        }
        catch (JsonException ex)
        {
            log.LogWarning(ex, "Registro de restauração ilegível em {File}; ignorado", file);
            note = null;
        }
        if (note is not null)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Use(null, $"Console ({note.OsUser})", AuditChannels.Cli);
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record("restore", "Backup", null, note.Archive,
                $"Partes: {string.Join(", ", note.Parts)}; destino {note.Target}; em {note.At:yyyy-MM-dd HH:mm} UTC. {string.Join(" ", note.Summary)}");
            await scope.ServiceProvider.GetRequiredService<Data.PortalDb>().SaveChangesAsync(ct);
            log.LogInformation("Restauração de {Archive} registrada na auditoria", note.Archive);
        }
        File.Delete(file);
    }
}
