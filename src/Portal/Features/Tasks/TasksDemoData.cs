using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Setup;

namespace Portal.Features.Tasks;

/// <summary>
/// The tasks of `portal seed-demo --scale large` (platform.md §13, issue 4 item 7): 200,000 tasks over three years in
/// the demo firm's sectors, ≈ 5 % open (the Fiscal board ≈ 2,000 open tasks, the board benchmark's load), ≈ 15 %
/// subtasks, ≈ 3 % private, with history, followers, conversations and read states. Written with multi-row INSERTs
/// in one transaction: all or nothing, and under two minutes on SQLite.
/// </summary>
public sealed class TasksDemoData(PortalDb db, ILogger<TasksDemoData> logger) : ILargeDemoGenerator
{
    private const int Chunk = 10_000;

    public int Order => 100;
    public string Name => "tarefas";

    public Task GenerateAsync(LargeDemoContext context, CancellationToken ct = default) => GenerateAsync(context, context.ClientIds, ct);

    /// <param name="clientIds">
    /// Clients to link tasks to (≈ 65 % of sector tasks; subtasks share their root's). Empty while the clients module
    /// generates none: tasks then have no client. ClientId has no foreign key, so any ids the clients module made work.
    /// </param>
    public async Task GenerateAsync(LargeDemoContext context, IReadOnlyList<long> clientIds, CancellationToken ct = default)
    {
        if (await db.Tasks.AnyAsync(ct))
        {
            logger.LogWarning("O banco já tem tarefas: geração de tarefas de demonstração ignorada.");
            return;
        }
        var watch = Stopwatch.StartNew();
        var plan = new TasksDemoPlan(context, clientIds);
        var tasks = plan.BuildTasks(firstId: (await db.Tasks.MaxAsync(t => (long?)t.Id, ct) ?? 0) + 1);
        var activity = new TasksDemoActivity(plan) { FirstCommentId = (await db.TaskComments.MaxAsync(c => (long?)c.Id, ct) ?? 0) + 1 };
        logger.LogInformation("Tarefas planejadas em {Elapsed} ms", watch.ElapsedMilliseconds);

        var counts = new Dictionary<string, int>();
        await using (var load = await BulkLoad.BeginAsync(db, ct))
        {
            var taskRows = new BulkInsert<TaskItem>(db, explicitKey: true);
            var historyRows = new BulkInsert<TaskHistory>(db, explicitKey: false);
            var followerRows = new BulkInsert<TaskFollower>(db, explicitKey: true);
            var commentRows = new BulkInsert<TaskComment>(db, explicitKey: true);
            var readRows = new BulkInsert<TaskReadState>(db, explicitKey: true);
            for (var i = 0; i < tasks.Count; i += Chunk)
            {
                // Parents precede children in id order, so each chunk's foreign keys are already satisfied.
                var chunk = tasks.GetRange(i, Math.Min(Chunk, tasks.Count - i));
                var rows = activity.For(chunk);
                Add(counts, "tarefas", await taskRows.InsertAsync(chunk, ct));
                Add(counts, "histórico", await historyRows.InsertAsync(rows.History, ct));
                Add(counts, "acompanhamentos", await followerRows.InsertAsync(rows.Followers, ct));
                Add(counts, "comentários", await commentRows.InsertAsync(rows.Comments, ct));
                Add(counts, "leituras", await readRows.InsertAsync(rows.ReadStates, ct));
            }
            await load.CommitAsync(ct);
        }
        foreach (var (table, n) in counts) context.Counts[table] = n;
        logger.LogInformation("Tarefas de demonstração gravadas em {Elapsed} ms: {Counts}", watch.ElapsedMilliseconds,
            string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}")));
    }

    private static void Add(Dictionary<string, int> counts, string key, int n) => counts[key] = counts.GetValueOrDefault(key) + n;
}
