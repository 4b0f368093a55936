using Portal.Platform.Authorization;

namespace Portal.Platform.Setup;

/// <summary>
/// A module's part of the reference data set of platform.md §13 (`portal seed-demo --scale large`). Modules register
/// theirs (<c>services.AddScoped&lt;ILargeDemoGenerator, X&gt;()</c>); they run in <see cref="Order"/> on one
/// <see cref="LargeDemoContext"/>, after the platform has created the firm's sectors and people.
/// </summary>
public interface ILargeDemoGenerator
{
    /// <summary>Lower runs first. Clients 10 (they fill <see cref="LargeDemoContext.ClientIds"/>), tasks 100.</summary>
    int Order { get; }

    /// <summary>pt-BR, for the progress lines ("tarefas").</summary>
    string Name { get; }

    Task GenerateAsync(LargeDemoContext context, CancellationToken ct = default);
}

/// <summary>How much to generate. <see cref="Tasks"/> scales every per-task quantity (tests use a few thousand).</summary>
public sealed record DemoScale(int Tasks, int Seed = DemoScale.DefaultSeed)
{
    public const int DefaultSeed = 20_240_601;
    public const int LargeTasks = 200_000;

    public static DemoScale Large { get; } = new(LargeTasks);

    /// <summary>Fraction of the reference size: quotas like "the Fiscal board has 2,000 open tasks" scale with it.</summary>
    public double Factor => (double)Tasks / LargeTasks;
}

public sealed record DemoSector(long Id, string Name);

/// <summary>A demo user as generators need them: who they are, where they work and what they may do.</summary>
public sealed record DemoPerson(long Id, string FullName, string Role, IReadOnlyList<long> SectorIds, PermissionSet Permissions)
{
    public bool Has(string permission) => Permissions.Has(permission);
}

public sealed class LargeDemoContext(DemoScale scale, IReadOnlyList<DemoSector> sectors, IReadOnlyList<DemoPerson> people, DateTime now)
{
    public DemoScale Scale { get; } = scale;
    public IReadOnlyList<DemoSector> Sectors { get; } = sectors;
    public IReadOnlyList<DemoPerson> People { get; } = people;

    /// <summary>UTC "now" of the data set: generated history ends here.</summary>
    public DateTime Now { get; } = now;

    /// <summary>
    /// Clients to link records to. Filled by the clients module's generator (Order &lt; 100) when it exists; empty
    /// otherwise, and then tasks are generated without client links.
    /// </summary>
    public List<long> ClientIds { get; } = [];

    /// <summary>Rows written per table, for the summary line.</summary>
    public Dictionary<string, int> Counts { get; } = [];
}
