using Portal.Platform.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Tests that change portal-wide state (firm name, password policy, session timeouts, logo) run on their own app per
/// provider, so the shared apps keep their defaults for every other test.
/// </summary>
public sealed class GlobalStateSqlitePortal() : SharedPortal(DatabaseKind.Sqlite);

public sealed class GlobalStateMySqlPortal() : SharedPortal(DatabaseKind.MySql);

[CollectionDefinition(Name)]
public sealed class GlobalStateSqliteCollection : ICollectionFixture<GlobalStateSqlitePortal>
{
    public const string Name = "global-state-sqlite";
}

[CollectionDefinition(Name)]
public sealed class GlobalStateMySqlCollection : ICollectionFixture<GlobalStateMySqlPortal>
{
    public const string Name = "global-state-mysql";
}
