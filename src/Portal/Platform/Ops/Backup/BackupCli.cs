using Portal.Platform.Audit;
using Portal.Platform.Configuration;
using Portal.Platform.Data;

namespace Portal.Platform.Ops.Backup;

/// <summary>`portal backup run|verify` and `portal restore` (operations.md §8.2); output in pt-BR.</summary>
public static class BackupCli
{
    public const string Usage = """
          backup run          faz um backup agora (mesmo conteúdo do backup agendado)
          backup verify ARQUIVO [--password S]   confere o arquivo (hashes do info.txt) e carrega o banco num SQLite temporário
          restore ARQUIVO [--parts db,files,keys,config,certificates] [--target "cadeia de conexão"] [--provider Sqlite|MySql]
                     [--overwrite] [--password S]   restaura (com o serviço parado); senha também em PORTAL_BACKUP_PASSWORD
        """;

    public static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        var verb = args.Length > 1 ? args[1] : "";
        if (verb == "run")
        {
            var run = await app.Services.GetRequiredService<BackupService>().RunAsync(new BackupRequest("cli", null, "Console (backup run)", AuditChannels.Cli));
            var ok = run.Status != BackupRunStatus.Failed;
            (ok ? Console.Out : Console.Error).WriteLine($"{BackupRun.StatusLabel(run.Status)}: {run.Message}");
            return ok ? 0 : 1;
        }
        if (verb == "verify" && args.Length > 2)
        {
            try
            {
                var report = await app.Services.GetRequiredService<BackupRestore>().VerifyAsync(args[2], Password(app, args));
                Console.WriteLine($"Arquivo íntegro: {Path.GetFileName(args[2])} (esquema {report.Schema.SchemaVersion}, origem {report.Schema.Provider}).");
                foreach (var (table, rows) in report.RowCounts.OrderBy(c => c.Key, StringComparer.Ordinal)) Console.WriteLine($"  {table}: {rows}");
                return 0;
            }
            catch (BackupException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        }
        Console.Error.WriteLine("Uso:\n" + Usage);
        return 2;
    }

    public static async Task<int> RestoreAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("Uso:\n" + Usage);
            return 2;
        }
        var parts = Option(args, "--parts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? BackupParts.All;
        var configured = app.Services.GetRequiredService<DatabaseProvider>();
        var target = configured;
        if (Option(args, "--target") is { } cs)
        {
            var provider = Option(args, "--provider") ?? (cs.Contains("Server=", StringComparison.OrdinalIgnoreCase) ? "MySql" : "Sqlite");
            target = new DatabaseProvider(provider.Equals("mysql", StringComparison.OrdinalIgnoreCase) || provider.Equals("mariadb", StringComparison.OrdinalIgnoreCase)
                ? DatabaseKind.MySql : DatabaseKind.Sqlite, cs);
        }
        try
        {
            var summary = await app.Services.GetRequiredService<BackupRestore>().RestoreAsync(args[1], Password(app, args), parts, target, args.Contains("--overwrite"));
            Console.WriteLine("Restauração concluída:");
            foreach (var line in summary) Console.WriteLine("  " + line);
            Console.WriteLine("A restauração será registrada na auditoria quando o portal iniciar.");
            return 0;
        }
        catch (BackupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static string? Password(WebApplication app, string[] args) =>
        Option(args, "--password") ?? Environment.GetEnvironmentVariable("PORTAL_BACKUP_PASSWORD")
        ?? app.Services.GetRequiredService<BackupOptions>().ArchivePassword;

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
