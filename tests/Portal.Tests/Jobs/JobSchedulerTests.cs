using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using Portal.Platform.Data;
using Portal.Platform.Jobs;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Jobs;

/// <summary>The scheduler itself: failures recorded, clustering refused on SQLite, single runner on MariaDB (OPS-13).</summary>
public abstract class JobFailureTests(DatabaseKind provider)
{
    [Fact]
    public async Task A_failing_job_is_logged_recorded_and_shown_and_keeps_its_schedule()
    {
        await using var app = await PortalApp.StartAsync(provider, services: s =>
            s.AddPortalJob("test-failing", JobSchedule.Every(TimeSpan.FromSeconds(1)), "Tarefa de teste que falha",
                _ => throw new InvalidOperationException("falha proposital")));
        var failures = 0;
        var twice = await ScheduledJobsPageTests.WaitForAsync(async () =>
        {
            failures = await app.WithDbAsync(db => db.Set<JobRun>().CountAsync(r => r.JobKey == "test-failing" && r.Status == JobRunStatus.Failed));
            return failures >= 2;
        });
        Assert.True(twice, $"esperava 2 falhas registradas, houve {failures}");
        var run = await app.WithDbAsync(db => db.Set<JobRun>().FirstAsync(r => r.JobKey == "test-failing"));
        Assert.Contains("falha proposital", run.Message);
        Assert.NotNull(run.EndedAt);
        Assert.Contains("falha proposital", app.ReadLogs());

        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var admin = await users.LoginAsync(users.Administrator);
        var (_, page) = await admin.GetPageAsync("/admin/saude/tarefas");
        var row = page.QuerySelector("tr[data-job='test-failing']")!;
        Assert.Contains("Falhou", row.TextContent);
        Assert.Contains("falha proposital", row.TextContent);
    }
}

public sealed class JobFailureTestsSqlite() : JobFailureTests(DatabaseKind.Sqlite);
public sealed class JobFailureTestsMySql() : JobFailureTests(DatabaseKind.MySql);

public sealed class JobClusterTests
{
    [Fact]
    public async Task Clustered_jobs_on_SQLite_stop_the_start_with_a_clear_message()
    {
        var dataPath = Directory.CreateTempSubdirectory("portal-jobs-").FullName;
        try
        {
            var result = await PortalProcess.RunAsync(dataPath, ["--Jobs:Clustered=true", "--Tls:Mode=None"]);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Jobs:Clustered = true exige MySQL/MariaDB", result.Output);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_MariaDB_run_each_fire_exactly_once()
    {
        var database = "portal_c" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "MySql",
            ["Database:ConnectionString"] = PortalApp.MySqlServer + $"Database={database};",
            ["Jobs:Clustered"] = "true",
            ["Jobs:CheckinIntervalSeconds"] = "2",
        };
        var fires = new ConcurrentQueue<(DateTime? Scheduled, string Instance)>();
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> Probe(string instance) => s =>
            s.AddPortalJob("cluster-probe", JobSchedule.Every(TimeSpan.FromSeconds(1)), "Sonda do teste de cluster", ctx =>
            {
                fires.Enqueue((ctx.ScheduledAt, instance));
                return Task.Delay(200, ctx.CancellationToken);
            });
        try
        {
            var a = await PortalApp.StartAsync(DatabaseKind.MySql, settings, Probe("A"));
            // Instances of one installation share the key-protection certificate (the key ring is in the database).
            var settingsB = new Dictionary<string, string?>(settings)
            {
                ["Security:KeyProtectionCertificate"] = Path.Combine(a.DataPath, "keys", "keyprotection.pfx"),
            };
            var b = await PortalApp.StartAsync(DatabaseKind.MySql, settingsB, Probe("B"));
            int nodes;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(12));
                nodes = await CountAsync(settings["Database:ConnectionString"]!, "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE");
            }
            finally
            {
                await b.DisposeAsync();
                await a.DisposeAsync();
            }
            Assert.Equal(2, nodes); // both instances joined the cluster
            var list = fires.ToList();
            Assert.True(list.Count >= 5, $"poucas execuções: {list.Count}");
            Assert.All(list, f => Assert.NotNull(f.Scheduled));
            var duplicated = list.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => $"{g.Key:O}: {string.Join(",", g.Select(x => x.Instance))}").ToList();
            Assert.True(duplicated.Count == 0, "disparos executados mais de uma vez: " + string.Join("; ", duplicated));
            var runs = await CountAsync(settings["Database:ConnectionString"]!, "SELECT COUNT(*) FROM JobRuns WHERE JobKey = 'cluster-probe'");
            Assert.Equal(list.Count, runs);
        }
        finally
        {
            await using var connection = new MySqlConnection(PortalApp.MySqlServer);
            await connection.OpenAsync();
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<int> CountAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
