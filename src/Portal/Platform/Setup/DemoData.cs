using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Platform.Setup;

/// <summary>
/// Demo sectors, roles and users on explicit request only (`portal seed-demo`, `--demo`). The shared random password
/// goes to &lt;DataPath&gt;/demo-credentials.txt and is printed on every start while that file exists.
/// </summary>
public sealed class DemoData(PortalDb db, UserAccounts accounts, AuditActor actor, PortalPaths paths, ILogger<DemoData> logger,
    IEnumerable<IDemoDataContributor> contributors)
{
    private static readonly (string Username, string Name, string Role, string[] Sectors)[] People =
    [
        ("admin", "Ana Administradora", "Administrador", ["TI"]),
        ("diretor", "Daniel Diretor", "Diretor", ["Administrativo"]),
        ("gestor", "Gabriela Gestora", "Gestor", ["Fiscal", "Contábil"]),
        ("fiscal", "Fernando Fiscal", "Colaborador", ["Fiscal"]),
        ("contabil", "Carla Contábil", "Colaborador", ["Contábil"]),
        ("pessoal", "Paulo Pessoal", "Colaborador", ["Pessoal"]),
        ("societario", "Sofia Societário", "Colaborador", ["Societário"]),
        ("financeiro", "Felipe Financeiro", "Colaborador", ["Financeiro"]),
        ("sala", "Sara Recepção", "Somente Sala de Reuniões", []),
    ];

    public const string Domain = "demo.portal.local";

    /// <summary>Returns false (and changes nothing) when the database already has users not made by this seeder.</summary>
    public async Task<bool> SeedAsync(bool printCredentials)
    {
        if (await db.Users.AnyAsync(u => !u.IsDemo))
        {
            logger.LogError("Dados de demonstração recusados: o banco já contém usuários reais.");
            return false;
        }
        await ReferenceData.EnsureAsync(db);
        if (await db.Users.AnyAsync(u => u.IsDemo)) return true; // already seeded
        actor.Use(null, "Dados de demonstração", AuditChannels.Cli);
        var password = GeneratePassword();
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name, r => r.Id);
        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Name, s => s.Id);
        foreach (var (username, name, role, sectorNames) in People)
        {
            var result = await accounts.CreateAsync(new UserInput($"{username}@{Domain}", username, name, true,
                sectorNames.Where(sectors.ContainsKey).Select(s => sectors[s]).ToList(),
                roles.TryGetValue(role, out var roleId) ? [roleId] : [], password), "Usuário de demonstração");
            if (!result.Succeeded) throw new InvalidOperationException("Falha ao criar usuário de demonstração: " + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            result.User!.IsDemo = true;
        }
        await db.SaveChangesAsync();
        foreach (var contributor in contributors.OrderBy(c => c.Order)) await contributor.SeedAsync(db);
        var lines = new List<string> { "Portal — dados de demonstração", $"Senha de todos os usuários: {password}", "" };
        lines.AddRange(People.Select(p => $"{p.Username}@{Domain}  ({p.Role})"));
        await File.WriteAllLinesAsync(paths.DemoCredentialsFile, lines);
        if (printCredentials) PrintCredentialsIfPresent(paths, logger);
        return true;
    }

    public static void PrintCredentialsIfPresent(PortalPaths paths, ILogger logger)
    {
        if (!File.Exists(paths.DemoCredentialsFile)) return;
        var text = File.ReadAllText(paths.DemoCredentialsFile);
        Console.WriteLine();
        Console.WriteLine("==== DADOS DE DEMONSTRAÇÃO ATIVOS ====");
        Console.WriteLine(text);
        Console.WriteLine($"(arquivo {paths.DemoCredentialsFile}; apague-o para não exibir mais)");
        Console.WriteLine();
        logger.LogWarning("Dados de demonstração ativos; credenciais em {File}", paths.DemoCredentialsFile);
    }

    /// <summary>Four random words-like groups: long enough for the policy, easy to type.</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 4, 4)));
    }
}
