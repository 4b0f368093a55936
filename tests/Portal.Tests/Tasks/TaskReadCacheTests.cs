using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Tasks;

/// <summary>
/// Boards and the API list are read through TaskReadCache (ADR-008): every committed write to a task table must be
/// visible on the next read, whichever way it was made — the service, SaveChanges, ExecuteUpdate or raw SQL in a
/// transaction.
/// </summary>
public abstract class TaskReadCacheTests(SharedPortal portal) : TasksApiTest(portal)
{
    [Fact]
    public async Task The_API_list_shows_every_committed_write_on_the_next_request()
    {
        var sector = await SectorAsync();
        var caller = await CallerAsync(sector);
        var token = Token();
        var id = (await CreateTaskAsync(caller, sector, $"Apuração {token}")).GetProperty("id").GetInt64();
        var list = $"{Tasks}?q={token}";

        var first = await JsonAsync(await GetAsync(caller, list));
        Assert.Equal("Pending", first.GetProperty("items")[0].GetProperty("status").GetString());

        await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TaskItemStatus.Done).SetProperty(t => t.CompletedAt, DateTime.UtcNow)));
        Assert.Equal("Done", (await JsonAsync(await GetAsync(caller, list))).GetProperty("items")[0].GetProperty("status").GetString());

        await InsertAsync(App, [NewTask($"Apuração segunda {token}", caller.User.Id, sector.Id)]);
        Assert.Equal(2, (await JsonAsync(await GetAsync(caller, list))).GetProperty("total").GetInt32());

        // Raw SQL inside a transaction: the read after the commit must not be served from what was read before it.
        await App.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "DELETE FROM \"TaskComments\" WHERE 1 = 0" : "DELETE FROM `TaskComments` WHERE 1 = 0");
            await db.Tasks.Where(t => t.Id == id).ExecuteDeleteAsync();
            await transaction.CommitAsync();
        });
        Assert.Equal(1, (await JsonAsync(await GetAsync(caller, list))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_sector_board_shows_new_cards_and_counts_right_after_a_direct_insert()
    {
        var sector = await SectorAsync();
        var caller = await CallerAsync(sector);
        var token = Token();
        await CreateTaskAsync(caller, sector, $"Folha {token}");
        using var web = await Users.LoginAsync(caller.User);
        var board = $"/tarefas/setor/{sector.Id}?q={token}";
        Assert.Equal("Pendente (1)", ColumnTitle(await PageAsync(web, board), TaskItemStatus.Pending));

        var added = await InsertAsync(App, [NewTask($"Folha extra {token}", caller.User.Id, sector.Id)]);
        var doc = await PageAsync(web, board);
        Assert.Equal("Pendente (2)", ColumnTitle(doc, TaskItemStatus.Pending));
        Assert.NotNull(Card(doc, added[0].Id));
    }

    [Theory]
    [InlineData("INSERT INTO \"Tasks\" (\"Title\") VALUES (@p0) RETURNING \"Id\";", true)]
    [InlineData("UPDATE `TaskComments` AS `t` SET `t`.`Body` = NULL", true)]
    [InlineData("DELETE FROM \"TaskReadStates\" AS \"t\" WHERE \"t\".\"TaskId\" = 1", true)]
    [InlineData("SELECT COUNT(*) FROM \"Tasks\" AS \"t\"", false)]
    [InlineData("UPDATE \"UserSessions\" SET \"LastSeenAt\" = @p0", false)]
    [InlineData("INSERT INTO \"TasksArchive\" (\"Id\") VALUES (1)", false)]
    public void Write_statements_are_matched_to_their_tables_by_quoted_name(string sql, bool touchesTasks)
    {
        var stamps = new ChangeStamps([TaskReadCache.Tables]);
        var before = stamps.Current(TaskReadCache.Group);
        var interceptor = new ChangeStampInterceptor(stamps);
        using var command = new Microsoft.Data.Sqlite.SqliteCommand(sql);
        interceptor.NonQueryExecuted(command, null!, 0);
        Assert.Equal(touchesTasks ? before + 1 : before, stamps.Current(TaskReadCache.Group));
    }
}

[Collection(SqliteCollection.Name)] public sealed class TaskReadCacheTestsSqlite(SqlitePortal portal) : TaskReadCacheTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TaskReadCacheTestsMySql(MySqlPortal portal) : TaskReadCacheTests(portal);
