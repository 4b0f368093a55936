using Portal.Platform.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// One running portal per provider shared by the integration tests of that provider (startup and migrations cost
/// seconds). Tests create their own users so they never depend on each other.
/// </summary>
public abstract class SharedPortal(DatabaseKind provider) : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(provider);
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqlitePortal() : SharedPortal(DatabaseKind.Sqlite);

public sealed class MySqlPortal() : SharedPortal(DatabaseKind.MySql);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqlitePortal>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class MySqlCollection : ICollectionFixture<MySqlPortal>
{
    public const string Name = "mysql";
}

/// <summary>Base of provider-parameterised integration tests: write tests once, derive one class per provider.</summary>
public abstract class IntegrationTest(SharedPortal portal)
{
    protected PortalApp App => portal.App;
    protected TestUsers Users => portal.Users;
}
