using System.Net;
using System.Text.Json;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>operations.md §6.1: OPS-05 (partly), OPS-24.</summary>
public abstract class HealthTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Live_and_ready_answer_ok_without_details_to_anonymous_callers()
    {
        using var client = App.NewClient("127.0.0.1");
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await live.Content.ReadAsStringAsync());
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_lists_each_check_for_a_holder_of_system_health()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var ready = await admin.GetAsync("/health/ready");
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("database").GetString());
        Assert.Equal("ok", checks.GetProperty("migrations").GetString());
        Assert.Equal("ok", checks.GetProperty("storage").GetString());

        var colaborador = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(colaborador);
        Assert.Equal("{\"status\":\"ok\"}", await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_404_outside_the_allowed_networks()
    {
        using var outsider = App.NewClient("203.0.113.9");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/health/ready")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthTestsSqlite(SqlitePortal portal) : HealthTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class HealthTestsMySql(MySqlPortal portal) : HealthTests(portal);

/// <summary>OPS-05: with the database down, live stays 200 and ready is 503 without exception text.</summary>
public sealed class HealthWithDatabaseDownTests
{
    [Fact]
    public async Task Ready_is_503_unavailable_when_the_database_cannot_be_reached()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        // Make the SQLite file unreadable as a database: the health check must fail cleanly.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var dbFile = Path.Combine(app.DataPath, "portal.db");
        foreach (var f in Directory.GetFiles(app.DataPath, "portal.db*")) File.Delete(f);
        Directory.CreateDirectory(dbFile); // a folder where the file was: opening fails

        using var client = app.NewClient("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("{\"status\":\"unavailable\"}", await ready.Content.ReadAsStringAsync());
    }
}
