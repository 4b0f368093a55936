using System.Globalization;
using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"Erros recentes": the last 24 h of error-*.log (time, request id, message), newest last, at most 20.</summary>
public sealed class RecentErrorsCheck(PortalPaths paths, TimeProvider clock) : IDoctorCheck
{
    private const string Name = "Erros recentes";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-24);
        var entries = new List<string>();
        if (Directory.Exists(paths.LogsPath))
        {
            foreach (var file in Directory.EnumerateFiles(paths.LogsPath, "error*.log").Where(f => File.GetLastWriteTimeUtc(f) >= since).Order(StringComparer.Ordinal))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    // Entries start with "2026-03-15T10:00:00.000Z [ERR]"; stack trace lines do not.
                    if (line.Length < 24 || !DateTime.TryParseExact(line[..24], "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
                            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) || at < since) continue;
                    entries.Add(line.Length > 300 ? line[..300] + "…" : line);
                }
            }
        }
        if (entries.Count == 0) return [DoctorFinding.Ok(Name, "Nenhum erro registrado nas últimas 24 horas.")];
        return [DoctorFinding.Warning(Name, $"{entries.Count} erro(s) nas últimas 24 horas. Últimos: {string.Join(" | ", entries.TakeLast(20).Reverse().Take(5))}",
            "Procure o código do erro (id da requisição) em error-*.log; erros de banco indicam conexão ou migração, os demais o módulo citado.")];
    }
}
