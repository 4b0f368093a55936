using Portal.Platform.Data;

namespace Portal.Platform.Setup;

/// <summary>
/// A module's part of the demo data (`portal seed-demo`, `--demo`): called once, after the demo users exist, in
/// <see cref="Order"/>. Platform knows no feature, so each module registers its own contributor.
/// </summary>
public interface IDemoDataContributor
{
    int Order { get; }

    Task SeedAsync(PortalDb db, CancellationToken ct = default);
}
