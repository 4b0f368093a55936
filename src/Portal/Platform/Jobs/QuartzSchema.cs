using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Platform.Jobs;

/// <summary>
/// Quartz's own MySQL/InnoDB schema script (shipped inside Quartz.dll, the one its store would run itself), applied by
/// the MySQL "Jobs" migration so the clustered store finds its QRTZ_ tables. Every statement is CREATE … IF NOT EXISTS.
/// SQLite never gets them: clustering is refused there.
/// </summary>
public static class QuartzSchema
{
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_mysql_innodb.sql";

    /// <summary>Child tables first, so Down() can drop in this order without breaking foreign keys.</summary>
    private static readonly string[] Tables =
    [
        "SIMPLE_TRIGGERS", "CRON_TRIGGERS", "SIMPROP_TRIGGERS", "BLOB_TRIGGERS", "TRIGGERS", "JOB_DETAILS", "CALENDARS",
        "PAUSED_TRIGGER_GRPS", "PAUSED_JOB_GRPS", "FIRED_TRIGGERS", "SCHEDULER_STATE", "LOCKS", "EXECUTION_HISTORY",
        "MISFIRE_HISTORY", "JOB_STATUS",
    ];

    public static IReadOnlyList<string> MySqlStatements()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Script do Quartz ausente: {Resource}");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", JobsModule.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", JobsModule.TablePrefix, StringComparison.Ordinal);
        // Statements are separated by a line reading exactly "--;;" (the header comment also mentions it, quoted).
        return System.Text.RegularExpressions.Regex.Split(script.Replace("\r\n", "\n", StringComparison.Ordinal), @"^--;;[ \t]*$",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(chunk => string.Join('\n', chunk.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(statement => statement.Length > 0)
            .ToList();
    }

    public static void CreateMySql(MigrationBuilder migration)
    {
        foreach (var statement in MySqlStatements()) migration.Sql(statement);
    }

    public static void DropMySql(MigrationBuilder migration)
    {
        foreach (var table in Tables) migration.Sql($"DROP TABLE IF EXISTS {JobsModule.TablePrefix}{table};");
    }
}
