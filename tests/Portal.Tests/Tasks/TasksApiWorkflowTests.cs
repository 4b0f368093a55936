using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Events;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>POST /api/v1/tasks/{id}/status: the §4 workflow through the API (TSK-08…TSK-11).</summary>
public abstract class TasksApiWorkflowTests(SharedPortal portal) : TasksApiTest(portal)
{
    [Fact]
    public async Task Tsk09_pending_to_done_is_invalid_for_a_member_and_allowed_with_manage_any()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var manager = await CallerAsync(sector, "tasks.manage_any");
        var task = await CreateTaskAsync(member, sector, "Pular etapa");
        var id = task.GetProperty("id").GetInt64();

        var refused = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/status", new { status = "Done", expectedStatus = "Pending" }),
            HttpStatusCode.BadRequest, "invalid_transition");
        Assert.Equal("Transição não permitida.", refused.Message);
        var unchanged = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal(TaskItemStatus.Pending, unchanged.Status);
        Assert.Null(unchanged.CompletedAt);
        Assert.Equal(task.GetProperty("version").GetInt32(), unchanged.Version);

        var response = await PostAsync(manager, $"{Tasks}/{id}/status", new { status = "Done", expectedStatus = "Pending" });
        var done = await JsonAsync(response);
        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, done.GetProperty("completedAt").ValueKind);
        Assert.Equal(manager.Id, done.GetProperty("completedBy").GetProperty("id").GetInt64());
        Assert.Equal(ETagOf(done), response.Headers.ETag!.ToString());
        Assert.NotNull(await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task Tsk10_completing_publishes_exactly_one_status_change_naming_the_creator()
    {
        var sector = await SectorAsync();
        var creator = await CallerAsync(sector);
        var assignee = await CallerAsync(sector);
        var task = await CreateTaskAsync(creator, sector, "Avisar o criador", new { assigneeId = assignee.Id });
        var id = task.GetProperty("id").GetInt64();

        await MoveAsync(assignee, id, "InProgress");
        var done = await MoveAsync(assignee, id, "Done");
        Assert.Equal(assignee.Id, done.GetProperty("assignee").GetProperty("id").GetInt64());

        var events = App.Services.GetRequiredService<RecentDomainEvents>().Recent.OfType<TaskStatusChanged>().Where(e => e.Task.TaskId == id).ToList();
        var completion = Assert.Single(events, e => e.To == TaskItemStatus.Done);
        Assert.Equal(TaskItemStatus.InProgress, completion.From);
        Assert.Equal(assignee.Id, completion.ActorId);
        Assert.Equal(creator.Id, completion.Task.CreatorId);
        Assert.Equal(TaskItemStatus.Done, completion.Task.Status);
        Assert.Equal(2, events.Count); // Iniciar + Concluir, nothing twice
    }

    [Fact]
    public async Task Tsk11_simultaneous_done_and_back_to_pending_one_wins_the_other_gets_409_with_the_current_status()
    {
        var sector = await SectorAsync();
        var first = await CallerAsync(sector);
        var second = await CallerAsync(sector);
        for (var round = 0; round < 5; round++)
        {
            var task = await CreateTaskAsync(first, sector, $"Corrida {round}");
            var id = task.GetProperty("id").GetInt64();
            await MoveAsync(first, id, "InProgress");

            var responses = await Task.WhenAll(
                PostAsync(first, $"{Tasks}/{id}/status", new { status = "Done", expectedStatus = "InProgress" }),
                PostAsync(second, $"{Tasks}/{id}/status", new { status = "Pending", expectedStatus = "InProgress" }));

            var codes = responses.Select(r => r.StatusCode).ToList();
            Assert.True(codes.Count(c => c == HttpStatusCode.OK) == 1 && codes.Count(c => c == HttpStatusCode.Conflict) == 1,
                $"round {round}: {string.Join(", ", codes)}");
            var winner = await JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
            var loser = await ErrorAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "conflict");
            var now = winner.GetProperty("status").GetString();
            Assert.Equal(now, loser.Current!.Value.GetProperty("status").GetString());
            Assert.Equal(TaskMessages.StatusChanged(Enum.Parse<TaskItemStatus>(now!)), loser.Message);

            var transitions = await App.WithDbAsync(db => db.TaskHistory.AsNoTracking()
                .Where(h => h.TaskId == id && h.Kind == TaskHistoryKind.StatusChanged && h.OldValue == "Em andamento").ToListAsync());
            Assert.Single(transitions);
            Assert.Equal(now == "Done" ? "Concluída" : "Pendente", transitions[0].NewValue);
            var stored = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));
            Assert.Equal(now, stored.Status.ToString());
        }
    }

    [Fact]
    public async Task Tsk08_reopen_is_for_the_creator_and_keeps_the_previous_assignee()
    {
        var sector = await SectorAsync();
        var creator = await CallerAsync(sector);
        var worker = await CallerAsync(sector);
        var task = await CreateTaskAsync(creator, sector, "Reabrir");
        var id = task.GetProperty("id").GetInt64();
        await MoveAsync(worker, id, "InProgress");
        await MoveAsync(worker, id, "Done");

        await ErrorAsync(await PostAsync(worker, $"{Tasks}/{id}/status", new { status = "InProgress", expectedStatus = "Done" }),
            HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(TaskItemStatus.Done, await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Status).SingleAsync()));

        var reopened = await JsonAsync(await PostAsync(creator, $"{Tasks}/{id}/status", new { status = "InProgress", expectedStatus = "Done" }));
        Assert.Equal("InProgress", reopened.GetProperty("status").GetString());
        Assert.Equal(worker.Id, reopened.GetProperty("assignee").GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("completedAt").ValueKind);
    }

    [Fact]
    public async Task Standard_move_by_someone_who_only_sees_the_task_is_403_and_a_stale_expected_status_is_409()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var viewer = await CallerAsync(await SectorAsync(), "tasks.view_all");
        var task = await CreateTaskAsync(member, sector, "Só olhando");
        var id = task.GetProperty("id").GetInt64();

        await ErrorAsync(await PostAsync(viewer, $"{Tasks}/{id}/status", new { status = "InProgress" }), HttpStatusCode.Forbidden, "forbidden");

        await MoveAsync(member, id, "InProgress");
        var conflict = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/status", new { status = "InProgress", expectedStatus = "Pending" }),
            HttpStatusCode.Conflict, "conflict");
        Assert.Equal("A tarefa foi alterada por outra pessoa (agora: Em andamento).", conflict.Message);
        Assert.Equal("InProgress", conflict.Current!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_body_is_validated()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Corpo do status")).GetProperty("id").GetInt64();

        var missing = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/status", new { expectedStatus = "Pending" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Campo obrigatório."], missing.Fields!["status"]);
        var unknown = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/status", new { status = "Finished", expectedStatus = 1 }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Valor inválido; use Pending, InProgress, Done."], unknown.Fields!["status"]);
        Assert.Equal(["Valor inválido."], unknown.Fields["expectedStatus"]);
        var empty = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/status"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Campo obrigatório."], empty.Fields!["status"]);
        var numeric = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/status", new { status = "2" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(numeric.Fields!.ContainsKey("status"));
        Assert.Equal(TaskItemStatus.Pending, await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Status).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)] public sealed class TasksApiWorkflowTestsSqlite(SqlitePortal portal) : TasksApiWorkflowTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TasksApiWorkflowTestsMySql(MySqlPortal portal) : TasksApiWorkflowTests(portal);
