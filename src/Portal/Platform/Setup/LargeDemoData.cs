using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Text;

namespace Portal.Platform.Setup;

/// <summary>
/// `portal seed-demo --scale large` (operations.md §3 step 6, platform.md §13): on top of <see cref="DemoData"/>,
/// the 8th sector and the rest of the 60 people, then each module's <see cref="ILargeDemoGenerator"/>. Same rules as
/// the small demo: refused when the database holds users not made by the demo seeder; everyone shares the demo
/// password (its hash is copied, so 51 more users cost no extra hashing).
/// </summary>
public sealed class LargeDemoData(PortalDb db, UserAccounts accounts, AuditActor actor, PermissionService permissions,
    PortalPaths paths, IEnumerable<ILargeDemoGenerator> generators, TimeProvider clock, ILogger<LargeDemoData> logger)
{
    public async Task<bool> SeedAsync(DemoScale scale, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(u => !u.IsDemo, ct))
        {
            logger.LogError("Dados de demonstração recusados: o banco já contém usuários reais.");
            return false;
        }
        var template = await db.Users.Where(u => u.IsDemo && u.PasswordHash != null).OrderBy(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("Crie primeiro os dados de demonstração básicos (DemoData).");
        actor.Use(null, "Dados de demonstração", AuditChannels.Cli);

        var watch = Stopwatch.StartNew();
        var sectors = await EnsureSectorAsync(ct);
        var created = await EnsurePeopleAsync(template, sectors, ct);
        var context = new LargeDemoContext(scale,
            await db.Sectors.Where(s => s.IsActive && s.HasTaskBoard).OrderBy(s => s.SortOrder).Select(s => new DemoSector(s.Id, s.Name)).ToListAsync(ct),
            await PeopleAsync(ct), clock.GetUtcNow().UtcDateTime);
        context.Counts["usuários"] = context.People.Count;
        logger.LogInformation("Demonstração: {People} usuários em {Sectors} setores ({Elapsed} ms)", context.People.Count, context.Sectors.Count, watch.ElapsedMilliseconds);

        foreach (var generator in generators.OrderBy(g => g.Order))
        {
            var step = Stopwatch.StartNew();
            await generator.GenerateAsync(context, ct);
            logger.LogInformation("Demonstração: {Name} em {Elapsed} ms", generator.Name, step.ElapsedMilliseconds);
        }
        if (created.Count > 0 && File.Exists(paths.DemoCredentialsFile))
            await File.AppendAllLinesAsync(paths.DemoCredentialsFile,
                ["", "Demais usuários (mesma senha):", .. created.Select(p => $"{p.Username}@{DemoData.Domain}  ({p.Role})")], ct);
        LastCounts = context.Counts;
        return true;
    }

    /// <summary>Rows per table of the last run, for the console summary.</summary>
    public IReadOnlyDictionary<string, int> LastCounts { get; private set; } = new Dictionary<string, int>();

    private async Task<Dictionary<string, long>> EnsureSectorAsync(CancellationToken ct)
    {
        var key = TextNormalizer.Key(LargeDemoPeople.ExtraSector);
        if (!await db.Sectors.AnyAsync(s => s.NameNormalized == key, ct))
        {
            var order = await db.Sectors.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
            db.Sectors.Add(new Sector { Name = LargeDemoPeople.ExtraSector, NameNormalized = key, Color = LargeDemoPeople.ExtraSectorColor, SortOrder = order + 10 });
            await db.SaveChangesAsync(ct);
        }
        return await db.Sectors.ToDictionaryAsync(s => s.Name, s => s.Id, ct);
    }

    private async Task<List<(string Username, string Role)>> EnsurePeopleAsync(User template, Dictionary<string, long> sectors, CancellationToken ct)
    {
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name, r => r.Id, ct);
        var existing = (await db.Users.Select(u => u.Username).ToListAsync(ct)).ToHashSet();
        var created = new List<(string, string)>();
        foreach (var (name, role, sectorNames) in LargeDemoPeople.People)
        {
            var username = LargeDemoPeople.Username(name);
            if (existing.Contains(username)) continue;
            var result = await accounts.CreateAsync(new UserInput($"{username}@{DemoData.Domain}", username, name, true,
                sectorNames.Where(sectors.ContainsKey).Select(s => sectors[s]).ToList(),
                roles.TryGetValue(role, out var roleId) ? [roleId] : []), "Usuário de demonstração");
            if (!result.Succeeded) throw new InvalidOperationException("Falha ao criar usuário de demonstração: " + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            result.User!.IsDemo = true;
            result.User.PasswordHash = template.PasswordHash;
            result.User.PasswordChangedAt = template.PasswordChangedAt;
            created.Add((username, role));
        }
        await db.SaveChangesAsync(ct);
        return created;
    }

    private async Task<List<DemoPerson>> PeopleAsync(CancellationToken ct)
    {
        var users = await db.Users.Where(u => u.IsDemo && u.IsActive).OrderBy(u => u.Id)
            .Select(u => new
            {
                u.Id, u.FullName,
                Role = u.Roles.Select(r => r.Role.Name).FirstOrDefault() ?? "",
                Sectors = u.Sectors.Where(m => m.Sector.IsActive).Select(m => m.SectorId).ToList(),
            })
            .ToListAsync(ct);
        var people = new List<DemoPerson>(users.Count);
        foreach (var u in users)
            people.Add(new DemoPerson(u.Id, u.FullName, u.Role, u.Sectors, await permissions.LoadAsync(u.Id, ct)));
        return people;
    }
}
