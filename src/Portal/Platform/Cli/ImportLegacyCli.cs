using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Ops.Import;
using Portal.Platform.Setup;

namespace Portal.Platform.Cli;

/// <summary>`portal import-legacy` (operations.md §9.1): the wizard's import from the console, with the suggested tag
/// mapping, progress on stderr and the report on stdout. The legacy key may also come from PORTAL_LEGACY_KEY so it
/// does not stay in the shell history.</summary>
public static class ImportLegacyCli
{
    // Program.cs turns the bare switches into "--switch=true" for the configuration parser.
    private static bool Flag(string[] args, string name) => args.Contains(name) || args.Contains(name + "=true");

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var source = PortalCli.Option(args, "--source");
        if (source is null)
        {
            Console.Error.WriteLine("Informe --source \"<conexão>\" (MySQL: Server=…;Database=…;User ID=…;Password=… ou mysql://usuário:senha@host/banco; SQLite: caminho do arquivo).");
            return 2;
        }
        var options = new LegacyImportOptions(source, PortalCli.Option(args, "--uploads"),
            PortalCli.Option(args, "--legacy-key") ?? Environment.GetEnvironmentVariable("PORTAL_LEGACY_KEY"),
            DryRun: Flag(args, "--dry-run"), Update: Flag(args, "--update"));

        await PortalStartup.PrepareAsync(app, demo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        var admin = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Roles.Any(r => r.Role.IsAdministrator))
            .OrderBy(u => u.Id).Select(u => (long?)u.Id).FirstOrDefaultAsync();
        if (admin is null)
        {
            Console.Error.WriteLine("Crie antes um administrador (configuração inicial em /setup ou `portal create-admin`): ele fica como autor do que não tiver autor no original.");
            return 1;
        }
        sp.GetRequiredService<AuditActor>().Use(admin, "Console (import-legacy)", AuditChannels.Import);

        var lastEntity = "";
        var outcome = await sp.GetRequiredService<LegacyImporter>().RunAsync(options, admin.Value, (entity, done, total) =>
        {
            if (entity != lastEntity && lastEntity.Length > 0) Console.Error.WriteLine();
            lastEntity = entity;
            Console.Error.Write($"\r{entity}: {done}/{total}   ");
        });
        Console.Error.WriteLine();
        Console.WriteLine(outcome.Report.ToText());
        if (!outcome.Succeeded) return 1;
        Console.WriteLine(options.DryRun
            ? "Simulação concluída: nada foi gravado. Revise os avisos e rode sem --dry-run."
            : $"Importação concluída (execução {outcome.RunId}). Relatório em Administração › Importação.");
        return 0;
    }
}
