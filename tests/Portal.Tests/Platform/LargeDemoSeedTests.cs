using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portal.Features.Clients;
using Portal.Features.Tasks;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Setup;
using Portal.Platform.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>
/// `portal seed-demo --scale large` (operations.md §3 step 6, platform.md §13) at a small task count: the same
/// generator as the 200,000-task reference set, so its invariants hold at any size. Timings live in bench/results.md.
/// </summary>
public abstract partial class LargeDemoSeedTests(DatabaseKind provider) : IAsyncLifetime
{
    private const int TaskCount = 3_000;
    private readonly string _dataPath = Directory.CreateTempSubdirectory("portal-seed-").FullName;
    private readonly string? _mySqlDatabase = provider == DatabaseKind.MySql ? "portal_s" + Guid.NewGuid().ToString("N")[..12] : null;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_mySqlDatabase is not null)
        {
            await using var connection = new MySqlConnection(PortalApp.MySqlServer);
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{_mySqlDatabase}`", connection);
            await command.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
    }

    /// <summary>The same database for the CLI process and the verifying app.</summary>
    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?> { ["Portal:DataPath"] = _dataPath };
        if (_mySqlDatabase is not null)
        {
            settings["Database:Provider"] = "MySql";
            settings["Database:ConnectionString"] = PortalApp.MySqlServer + $"Database={_mySqlDatabase};";
        }
        return settings;
    }

    private Task<PortalProcess.Result> SeedAsync(params string[] args) =>
        PortalProcess.RunAsync(_dataPath, ["seed-demo", .. args, .. Settings().Where(s => s.Key != "Portal:DataPath").Select(s => $"--{s.Key}={s.Value}")],
            timeout: TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Seed_demo_scale_large_builds_a_consistent_firm_and_demo_users_can_log_in()
    {
        var result = await SeedAsync("--scale", "large", "--tasks", TaskCount.ToString());
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Dados de demonstração (escala grande) criados", result.Output);

        await using var app = await PortalApp.StartAsync(provider, Settings());
        await AssertPeopleAsync(app);
        await app.WithScopeAsync(async sp => await AssertTasksAsync(sp.GetRequiredService<PortalDb>()));

        // Every demo user shares the password of demo-credentials.txt, the added ones too.
        var credentials = await File.ReadAllTextAsync(Path.Combine(_dataPath, "demo-credentials.txt"));
        var password = PasswordLine().Match(credentials).Groups[1].Value.Trim();
        Assert.Contains("juliana.ribeiro@demo.portal.local", credentials);
        foreach (var email in new[] { "juliana.ribeiro@demo.portal.local", "fiscal@demo.portal.local" })
        {
            using var client = app.NewClient();
            Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, password)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
        }

        // Running it again changes nothing.
        var again = await SeedAsync("--scale", "large", "--tasks", "50");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(TaskCount, await app.WithDbAsync(db => db.Tasks.CountAsync()));
        Assert.Equal(60, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Seed_demo_scale_large_is_refused_on_a_database_with_real_users()
    {
        await using var app = await PortalApp.StartAsync(provider, Settings());
        await new TestUsers(app).EnsureAdministratorAsync();

        var result = await SeedAsync("--scale", "large", "--tasks", "200");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Recusado: o banco contém usuários que não são de demonstração.", result.Output);
        Assert.Equal(0, await app.WithDbAsync(db => db.Tasks.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.IsDemo)));
        Assert.False(File.Exists(Path.Combine(_dataPath, "demo-credentials.txt")));
    }

    [Fact]
    public async Task Generated_clients_are_linked_to_sector_trees()
    {
        await using var app = await PortalApp.StartAsync(provider, Settings(), demo: true);
        await app.WithScopeAsync(async sp =>
        {
            Assert.True(await ActivatorUtilities.CreateInstance<LargeDemoData>(sp).SeedAsync(new DemoScale(6_000)));
            var db = sp.GetRequiredService<PortalDb>();
            var clientIds = (await db.Clients().Select(c => c.Id).ToListAsync()).ToHashSet();
            Assert.Equal(18, clientIds.Count); // 600 at 200,000 tasks, scaled; the demo's 12 are kept
            var tasks = await db.Tasks.AsNoTracking().ToListAsync();
            Assert.Equal(6_000, tasks.Count);
            var byId = tasks.ToDictionary(t => t.Id);
            Assert.All(tasks.Where(t => t.IsPrivate), t => Assert.Null(t.ClientId));
            Assert.All(tasks, t => Assert.Equal(byId[t.RootId!.Value].ClientId, t.ClientId));
            var linked = tasks.Where(t => t.ClientId is not null).ToList();
            Assert.InRange(linked.Count, 2_500, 5_000); // ≈ 65 % of sector tasks
            Assert.All(linked, t => Assert.Contains(t.ClientId!.Value, clientIds));
        });
    }

    private static async Task AssertPeopleAsync(PortalApp app) => await app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDb>();
        var permissions = sp.GetRequiredService<PermissionService>();
        var users = await db.Users.Include(u => u.Sectors).AsNoTracking().ToListAsync();
        Assert.Equal(60, users.Count);
        Assert.All(users, u => Assert.True(u.IsDemo));
        Assert.Equal(8, await db.Sectors.CountAsync(s => s.IsActive && s.HasTaskBoard));

        var sets = new Dictionary<long, PermissionSet>();
        foreach (var u in users) sets[u.Id] = await permissions.LoadAsync(u.Id);
        var withAccess = users.Where(u => sets[u.Id].Has(Permissions.TasksAccess)).ToList();
        Assert.InRange(withAccess.Count, 55, 59); // all but the meeting-room-only receptionists
        // A few see and manage everything, and only through roles (Gestor, Diretor, Administrador): no user grants exist.
        Assert.InRange(users.Count(u => sets[u.Id].Has(TaskPermissions.ViewAll)), 3, 10);
        Assert.InRange(users.Count(u => sets[u.Id].Has(TaskPermissions.ManageAny)), 3, 10);
        foreach (var sector in await db.Sectors.ToListAsync())
            Assert.Contains(withAccess, u => u.Sectors.Any(m => m.SectorId == sector.Id));
    });

    private static async Task AssertTasksAsync(PortalDb db)
    {
        var tasks = await db.Tasks.AsNoTracking().ToListAsync();
        var byId = tasks.ToDictionary(t => t.Id);
        var history = await db.TaskHistory.AsNoTracking().ToListAsync();
        var followers = await db.TaskFollowers.AsNoTracking().ToListAsync();
        var comments = await db.TaskComments.AsNoTracking().ToListAsync();
        var members = (await db.SectorMemberships.AsNoTracking().ToListAsync()).Select(m => (m.UserId, m.SectorId)).ToHashSet();
        var now = DateTime.UtcNow;

        Assert.Equal(TaskCount, tasks.Count);
        double Share(Func<TaskItem, bool> p) => (double)tasks.Count(p) / tasks.Count;
        Assert.InRange(Share(t => t.Status != TaskItemStatus.Done), 0.03, 0.08);
        Assert.InRange(Share(t => t.ParentId is not null), 0.08, 0.24);
        Assert.InRange(Share(t => t.IsPrivate), 0.025, 0.035);
        Assert.Contains(tasks, t => t.Status == TaskItemStatus.Pending);
        Assert.Contains(tasks, t => t.Status == TaskItemStatus.InProgress);
        Assert.Equal(3, tasks.Select(t => t.Priority).Distinct().Count());
        Assert.InRange(tasks.Min(t => t.CreatedAt), now.AddYears(-3).AddDays(-2), now.AddYears(-3).AddDays(30));

        // The board benchmark's sector: 2,000 open root tasks at full size, scaled with the task count.
        var fiscal = await db.Sectors.SingleAsync(s => s.NameNormalized == "FISCAL");
        Assert.Equal((int)Math.Round(2000.0 * TaskCount / DemoScale.LargeTasks),
            tasks.Count(t => t.SectorId == fiscal.Id && t.ParentId == null && t.Status != TaskItemStatus.Done));

        foreach (var t in tasks)
        {
            if (t.ParentId is { } parentId)
            {
                var parent = byId[parentId];
                var root = byId[t.RootId!.Value];
                Assert.Equal(parent.Depth + 1, t.Depth);
                Assert.Equal(parent.RootId, t.RootId);
                Assert.Equal(root.SectorId, t.SectorId);
                Assert.Equal(root.IsPrivate, t.IsPrivate);
                Assert.True(t.CreatedAt >= parent.CreatedAt);
                if (parent.Status == TaskItemStatus.Done) Assert.True(t.Status == TaskItemStatus.Done && t.CompletedAt <= parent.CompletedAt);
            }
            else
            {
                Assert.Equal(t.Id, t.RootId);
                Assert.Equal(0, t.Depth);
            }
            Assert.InRange(t.Depth, 0, TaskItem.MaxDepth - 1);

            if (t.IsPrivate)
            {
                Assert.Null(t.SectorId);
                Assert.Equal(t.CreatorId, t.AssigneeId);
            }
            else
            {
                Assert.NotNull(t.SectorId);
                if (t.AssigneeId is { } a) Assert.True(a == t.CreatorId || members.Contains((a, t.SectorId!.Value)), $"assignee of task {t.Id} outside its sector");
            }

            if (t.Status == TaskItemStatus.Done)
            {
                Assert.NotNull(t.CompletedById);
                Assert.InRange(t.CompletedAt!.Value, t.CreatedAt, now);
            }
            else Assert.True(t.CompletedAt is null && t.CompletedById is null);
            if (t.Status == TaskItemStatus.InProgress) Assert.True(t.StartedAt is not null && t.AssigneeId is not null);
            Assert.True(t.Version >= 1 && t.UpdatedAt >= t.CreatedAt);
            Assert.Equal(TextNormalizer.Key(t.Title + " " + Tags().Replace(t.Description ?? "", "")), t.SearchText);
        }

        // History: one Created row per task, at its creation; done tasks end with a move to "Concluída".
        var created = history.Where(h => h.Kind == TaskHistoryKind.Created).ToList();
        Assert.Equal(tasks.Count, created.Count);
        Assert.All(created, h => Assert.Equal(byId[h.TaskId].CreatedAt, h.At));
        var lastStatus = history.Where(h => h.Kind == TaskHistoryKind.StatusChanged).GroupBy(h => h.TaskId)
            .ToDictionary(g => g.Key, g => g.MaxBy(h => h.At)!);
        Assert.All(tasks.Where(t => t.Status == TaskItemStatus.Done), t => Assert.Equal("Concluída", lastStatus[t.Id].NewValue));
        Assert.All(tasks.Where(t => t.Status == TaskItemStatus.Pending), t => Assert.False(lastStatus.ContainsKey(t.Id)));

        // Private tasks: no followers, and only their creator talks in them.
        Assert.NotEmpty(followers);
        Assert.All(followers, f => Assert.False(byId[f.TaskId].IsPrivate));
        Assert.NotEmpty(comments);
        Assert.All(comments.Where(c => byId[c.TaskId].IsPrivate), c => Assert.Equal(byId[c.TaskId].CreatorId, c.AuthorId));
        Assert.All(comments, c => Assert.InRange(c.CreatedAt, byId[c.TaskId].CreatedAt, now));
        Assert.True(await db.TaskReadStates.AnyAsync());
    }

    [GeneratedRegex("^Senha de todos os usuários: (.+)$", RegexOptions.Multiline)]
    private static partial Regex PasswordLine();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}

public sealed class LargeDemoSeedTestsSqlite() : LargeDemoSeedTests(DatabaseKind.Sqlite);

public sealed class LargeDemoSeedTestsMySql() : LargeDemoSeedTests(DatabaseKind.MySql);
