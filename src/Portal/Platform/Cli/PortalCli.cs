using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Setup;

namespace Portal.Platform.Cli;

/// <summary>Sub-commands of the same executable (operations.md §4): migrate, create-admin, seed-demo, version.</summary>
public static class PortalCli
{
    private static readonly string[] Commands = ["migrate", "create-admin", "seed-demo", "import-legacy", "backup", "restore", "doctor", "keys", "cert", "version", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(app),
                "create-admin" => await CreateAdminAsync(app, args),
                "seed-demo" => await SeedDemoAsync(app, args),
                "import-legacy" => await ImportLegacyCli.RunAsync(app, args),
                "backup" => await Ops.Backup.BackupCli.BackupAsync(app, args),
                "restore" => await Ops.Backup.BackupCli.RestoreAsync(app, args),
                "doctor" => await Ops.Doctor.DoctorCli.RunAsync(app, args),
                "keys" => Security.KeysCli.Run(app, args),
                "cert" => await Ops.Certificates.CertificateCli.RunAsync(app, args),
                "version" => Print($"Portal {Version}"),
                _ => Print(Usage),
            };
        }
        catch (StartupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    public static string Version => typeof(PortalCli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private const string Usage = """
        Uso: portal [comando]
          (sem comando)       inicia o portal (opção --demo: dados de demonstração num banco vazio)
          migrate             aplica as migrações pendentes do banco
          create-admin --email E --name "Nome" [--password S]   cria um administrador (senha lida de PORTAL_ADMIN_PASSWORD se omitida)
          seed-demo [--scale large]   cria setores, papéis e usuários de demonstração; com --scale large, o
                              conjunto de referência: 60 usuários em 8 setores, 200.000 tarefas em 3 anos
                              (--tasks N gera N tarefas em vez de 200.000)
          import-legacy --source "<conexão>" --uploads <pasta> --legacy-key <chave> [--dry-run] [--update]
                              importa o portal original (MySQL/MariaDB ou SQLite, só leitura); --dry-run simula
                              sem gravar nada; --update atualiza o que já foi importado (docs/migracao.md)
          doctor [--sintoma site|502|500]
                              diagnóstico: configuração, banco, portas, certificado, proxy, disco, backup, erros
                              recentes; com --sintoma, só as verificações gerais e as do sintoma relatado
                              (site = o site não abre, 502 = erro 502/504, 500 = erro 500)
          keys rotate         cria agora uma nova chave de criptografia (as antigas continuam decifrando)
          version             mostra a versão
        """ + Ops.Backup.BackupCli.Usage + Ops.Certificates.CertificateCli.Usage;

    private static int Print(string text)
    {
        Console.WriteLine(text);
        return 0;
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        app.Services.GetRequiredService<DatabaseProvider>().DetectServerVersion();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
            await PortalStartup.MigrateWithBackupAsync(app.Services, app.Configuration, db, pending, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Migrate"));
        await ReferenceData.EnsureAsync(db);
        Console.WriteLine(pending.Count == 0 ? "Banco já atualizado." : $"Migrações aplicadas: {string.Join(", ", pending)}");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(WebApplication app, string[] args)
    {
        if (!TryDemoScale(args, out var scale)) return 2;
        await PortalStartup.PrepareAsync(app, demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (await db.Users.AnyAsync(u => !u.IsDemo))
        {
            Console.Error.WriteLine("Recusado: o banco contém usuários que não são de demonstração.");
            return 1;
        }
        if (scale is null) return 0;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var large = ActivatorUtilities.CreateInstance<LargeDemoData>(scope.ServiceProvider);
        if (!await large.SeedAsync(scale)) return 1;
        Console.WriteLine($"Dados de demonstração (escala grande) criados em {watch.Elapsed.TotalSeconds:0.0} s: "
            + string.Join(", ", large.LastCounts.Select(c => $"{c.Value} {c.Key}")));
        return 0;
    }

    /// <summary>`--scale large` (platform.md §13); `--tasks N` shrinks it for tests and quick runs.</summary>
    private static bool TryDemoScale(string[] args, out DemoScale? scale)
    {
        scale = null;
        var name = Option(args, "--scale");
        var tasks = Option(args, "--tasks");
        if (name is null && tasks is null) return true;
        if (name != "large")
        {
            Console.Error.WriteLine("Use --scale large (e, opcionalmente, --tasks N).");
            return false;
        }
        if (tasks is null)
        {
            scale = DemoScale.Large;
            return true;
        }
        if (!int.TryParse(tasks, out var n) || n < 1 || n > 2_000_000)
        {
            Console.Error.WriteLine("--tasks deve ser um número entre 1 e 2000000.");
            return false;
        }
        scale = DemoScale.Large with { Tasks = n };
        return true;
    }

    /// <summary>Same as /setup from the console; afterwards for emergencies only (audited, channel cli).</summary>
    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name");
        var password = Option(args, "--password") ?? Environment.GetEnvironmentVariable("PORTAL_ADMIN_PASSWORD");
        if (email is null || name is null || password is null)
        {
            Console.Error.WriteLine("Informe --email, --name e --password (ou PORTAL_ADMIN_PASSWORD).");
            return 2;
        }
        await PortalStartup.PrepareAsync(app, demo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AuditActor>().Use(null, "Console (create-admin)", AuditChannels.Cli);
        var db = sp.GetRequiredService<PortalDb>();
        var adminRole = await db.Roles.FirstAsync(r => r.IsAdministrator);
        var username = await SetupService.UniqueUsernameAsync(db, email);
        var result = await sp.GetRequiredService<UserAccounts>().CreateAsync(
            new UserInput(email, username, name, true, [], [adminRole.Id], password), "Administrador criado pelo console");
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 1;
        }
        await app.Services.GetRequiredService<SetupState>().RefreshAsync(db);
        Console.WriteLine($"Administrador criado: {result.User!.Email} (usuário {result.User.Username}).");
        return 0;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
