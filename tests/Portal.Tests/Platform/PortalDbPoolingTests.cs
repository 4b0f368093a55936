using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Text;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>
/// PortalDb instances come from a pool (bench/results.md). Each scope must still stamp CreatedById/UpdatedById with
/// its own actor and the timestamps with the clock registered in DI (platform.md §1), and a context handed back to
/// the pool must not carry the previous scope's actor into the next one.
/// </summary>
public abstract class PortalDbPoolingTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Each_scope_stamps_its_own_actor_and_a_reused_context_forgets_the_previous_one()
    {
        var actor = await Users.CreateAsync();
        var withActor = await CreateSectorAsync(App, actor.Id);
        var withoutActor = new List<long>();
        // Several scopes in a row: the pool hands the same few instances back.
        for (var i = 0; i < 5; i++) withoutActor.Add(await CreateSectorAsync(App, actorId: null));

        var rows = await App.WithDbAsync(db => db.Sectors.AsNoTracking()
            .Where(s => s.Id == withActor || withoutActor.Contains(s.Id)).ToListAsync());
        var stamped = rows.Single(s => s.Id == withActor);
        Assert.Equal(actor.Id, stamped.CreatedById);
        Assert.Equal(actor.Id, stamped.UpdatedById);
        Assert.Equal(5, rows.Count(s => s.Id != withActor));
        Assert.All(rows.Where(s => s.Id != withActor), s =>
        {
            Assert.Null(s.CreatedById);
            Assert.Null(s.UpdatedById);
            Assert.Equal(1, s.Version);
        });

        await App.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<AuditActor>().Use(actor.Id, actor.FullName, AuditChannels.Cli);
            var db = sp.GetRequiredService<PortalDb>();
            (await db.Sectors.SingleAsync(s => s.Id == withoutActor[0])).Color = "#654321";
            await db.SaveChangesAsync();
        });
        var updated = await App.WithDbAsync(db => db.Sectors.AsNoTracking().SingleAsync(s => s.Id == withoutActor[0]));
        Assert.Equal(2, updated.Version);
        Assert.Equal(actor.Id, updated.UpdatedById);
        Assert.Null(updated.CreatedById);
        Assert.True(updated.UpdatedAt >= updated.CreatedAt);
    }

    [Fact]
    public async Task Timestamps_come_from_the_clock_registered_in_di()
    {
        var clock = new SettableClock();
        await using var app = await PortalApp.StartAsync(App.Provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var fixedNow = new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero);
        clock.Fixed = fixedNow;
        var id = await CreateSectorAsync(app, actorId: null);
        clock.Fixed = null;

        var stored = await app.WithDbAsync(db => db.Sectors.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(fixedNow.UtcDateTime, stored.CreatedAt);
        Assert.Equal(fixedNow.UtcDateTime, stored.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
    }

    private static async Task<long> CreateSectorAsync(PortalApp app, long? actorId)
    {
        var name = AccessTestData.Unique("Setor do pool");
        long id = 0;
        await app.WithScopeAsync(async sp =>
        {
            if (actorId is long userId) sp.GetRequiredService<AuditActor>().Use(userId, "Teste", AuditChannels.Cli);
            var db = sp.GetRequiredService<PortalDb>();
            var sector = new Sector { Name = name, NameNormalized = TextNormalizer.Key(name), Color = "#123456", SortOrder = 900 };
            db.Sectors.Add(sector);
            await db.SaveChangesAsync();
            id = sector.Id;
        });
        return id;
    }

    /// <summary>The real clock unless a test pins it (start-up and the rest of the app keep working normally).</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset? Fixed { get; set; }

        public override DateTimeOffset GetUtcNow() => Fixed ?? base.GetUtcNow();
    }
}

[Collection(SqliteCollection.Name)] public sealed class PortalDbPoolingTestsSqlite(SqlitePortal portal) : PortalDbPoolingTests(portal);
[Collection(MySqlCollection.Name)] public sealed class PortalDbPoolingTestsMySql(MySqlPortal portal) : PortalDbPoolingTests(portal);
