using System.Globalization;
using Portal.Platform.Configuration;
using Portal.Platform.Jobs;

namespace Portal.Platform.Ops.Backup;

/// <summary>The Backup:* settings of operations.md §2/§8, resolved against the data path.</summary>
public sealed class BackupOptions
{
    public required string Path { get; init; }
    public int RetentionDays { get; init; } = 30;
    public string? CopyTo { get; init; }
    public bool IncludeFiles { get; init; } = true;
    public bool IncludeKeys { get; init; } = true;
    public string? ArchivePassword { get; init; }
    public IReadOnlyList<string> NotifyEmails { get; init; } = [];
    public IReadOnlyList<string> ExtraFolders { get; init; } = [];
    public string? MySqlDumpPath { get; init; }
    public string Schedule { get; init; } = DefaultSchedule;

    public const string DefaultSchedule = "weekly Sun 02:00";

    public static BackupOptions FromConfiguration(IConfiguration config, PortalPaths paths)
    {
        var section = config.GetSection("Backup");
        return new BackupOptions
        {
            Path = System.IO.Path.GetFullPath(section["Path"] is { Length: > 0 } p ? p : System.IO.Path.Combine(paths.DataPath, "backups"), paths.DataPath),
            RetentionDays = section.GetValue("RetentionDays", 30),
            CopyTo = NullIfEmpty(section["CopyTo"]),
            IncludeFiles = section.GetValue("IncludeFiles", true),
            IncludeKeys = section.GetValue("IncludeKeys", true),
            ArchivePassword = NullIfEmpty(section["ArchivePassword"]),
            NotifyEmails = List(section["NotifyEmails"]),
            ExtraFolders = List(section["ExtraFolders"]),
            MySqlDumpPath = NullIfEmpty(section["MySqlDumpPath"]),
            Schedule = NullIfEmpty(section["Schedule"]) ?? DefaultSchedule,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] List(string? value) =>
        value?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>
    /// "daily HH:mm" or "weekly &lt;Sun|Mon|…&gt; HH:mm" (São Paulo time) into a job schedule; anything else is a
    /// configuration error reported in pt-BR.
    /// </summary>
    public static JobSchedule ParseSchedule(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
        string[] dayNames = ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"];
        if (parts.Length == 2 && parts[0].Equals("daily", StringComparison.OrdinalIgnoreCase) && TryTime(parts[1], out var h, out var m))
            return JobSchedule.DailyAt(h, m);
        if (parts.Length == 3 && parts[0].Equals("weekly", StringComparison.OrdinalIgnoreCase)
            && Array.FindIndex(days, d => parts[1].Length >= 3 && d.Equals(parts[1][..3], StringComparison.OrdinalIgnoreCase)) is var day and >= 0
            && TryTime(parts[2], out h, out m))
            return JobSchedule.CronExpression($"0 {m} {h} ? * {days[day]}", $"semanalmente, {dayNames[day]} às {h:00}:{m:00}");
        throw new FormatException($"Backup:Schedule inválido: '{text}'. Use 'daily HH:mm' ou 'weekly Sun HH:mm'.");
    }

    private static bool TryTime(string text, out int hour, out int minute)
    {
        hour = minute = 0;
        return TimeOnly.TryParseExact(text, "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && (hour = t.Hour) >= 0 && (minute = t.Minute) >= 0;
    }
}
