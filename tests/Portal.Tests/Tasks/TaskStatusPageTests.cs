using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>Status buttons and transfer on the detail page (tasks.md §4–5): TSK-06, 07, 08, 09, 11, 15.</summary>
public abstract class TaskStatusPageTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task TSK06_Iniciar_by_another_member_makes_them_the_assignee_with_both_changes_in_history_and_events()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var a = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var b = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var follower = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        using var clientA = await Users.LoginAsync(a);
        var id = await CreateAsync(App, clientA, Unique("Conciliação"), ("SectorId", fiscal.ToString()), ("AssigneeId", a.Id.ToString()),
            ("FollowerIds", follower.Id.ToString()));

        using var clientB = await Users.LoginAsync(b);
        var (_, doc) = await clientB.GetPageAsync($"/tarefas/{id}");
        var buttons = doc.QuerySelectorAll("button[name=to]").Select(x => x.TextContent.Trim()).ToList();
        Assert.Equal(["Iniciar"], buttons);
        Assert.Equal("Pending", doc.QuerySelector("input[name=expected]")?.GetAttribute("value"));

        var response = await StatusAsync(clientB, id, TaskItemStatus.InProgress, TaskItemStatus.Pending);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tarefas/{id}", response.Headers.Location!.OriginalString);
        var task = await TaskAsync(App, id);
        Assert.Equal(TaskItemStatus.InProgress, task.Status);
        Assert.Equal(b.Id, task.AssigneeId);
        Assert.NotNull(task.StartedAt);
        var history = await HistoryAsync(App, id);
        Assert.Contains(history, h => h.Kind == TaskHistoryKind.StatusChanged && h.OldValue == "Pendente" && h.NewValue == "Em andamento" && h.ById == b.Id);
        Assert.Contains(history, h => h.Kind == TaskHistoryKind.FieldChanged && h.Field == "Responsável" && h.OldValue!.Contains(a.FullName) && h.NewValue!.Contains(b.FullName));
        var changed = Assert.Single(Events<TaskStatusChanged>(App, id));
        Assert.Equal(b.Id, changed.ActorId);
        Assert.Contains(follower.Id, changed.Task.FollowerIds);
        Assert.Equal(a.Id, Assert.Single(Events<TaskAssigned>(App, id)).PreviousAssigneeId);

        // The history tab shows both, with the actor's name.
        (_, doc) = await clientA.GetPageAsync($"/tarefas/{id}");
        var tab = doc.QuerySelector("#painel-historico")!.TextContent;
        Assert.Contains("mudou o status: Pendente → Em andamento", tab);
        Assert.Contains($"alterou Responsável: {a.FullName} → {b.FullName}", tab);
        Assert.Contains(b.FullName, tab);
    }

    [Fact]
    public async Task TSK07_Voltar_para_pendente_clears_the_assignee()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var a = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(a);
        var id = await CreateAsync(App, client, Unique("Vai e volta"), ("SectorId", fiscal.ToString()));
        await StatusAsync(client, id, TaskItemStatus.InProgress, TaskItemStatus.Pending);
        Assert.Equal(a.Id, (await TaskAsync(App, id)).AssigneeId);

        var (_, doc) = await client.GetPageAsync($"/tarefas/{id}");
        Assert.Equal(["Concluir", "Voltar para pendente"], doc.QuerySelectorAll("button[name=to]").Select(x => x.TextContent.Trim()).Order().ToList());
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(client, id, TaskItemStatus.Pending, TaskItemStatus.InProgress)).StatusCode);
        var task = await TaskAsync(App, id);
        Assert.Equal(TaskItemStatus.Pending, task.Status);
        Assert.Null(task.AssigneeId);
    }

    [Fact]
    public async Task TSK08_only_the_creator_reopens_a_done_task_and_the_previous_assignee_stays()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var worker = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var creatorClient = await Users.LoginAsync(creator);
        using var workerClient = await Users.LoginAsync(worker);
        var id = await CreateAsync(App, creatorClient, Unique("Reabrir"), ("SectorId", fiscal.ToString()), ("AssigneeId", worker.Id.ToString()));
        await StatusAsync(workerClient, id, TaskItemStatus.InProgress, TaskItemStatus.Pending);
        await StatusAsync(workerClient, id, TaskItemStatus.Done, TaskItemStatus.InProgress);
        Assert.Equal(TaskItemStatus.Done, (await TaskAsync(App, id)).Status);

        var (_, doc) = await workerClient.GetPageAsync($"/tarefas/{id}");
        Assert.Empty(doc.QuerySelectorAll("button[name=to]"));
        var refused = await StatusAsync(workerClient, id, TaskItemStatus.InProgress, TaskItemStatus.Done);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(TaskItemStatus.Done, (await TaskAsync(App, id)).Status);

        (_, doc) = await creatorClient.GetPageAsync($"/tarefas/{id}");
        Assert.Equal(["Reabrir"], doc.QuerySelectorAll("button[name=to]").Select(x => x.TextContent.Trim()).ToList());
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(creatorClient, id, TaskItemStatus.InProgress, TaskItemStatus.Done)).StatusCode);
        var task = await TaskAsync(App, id);
        Assert.Equal(TaskItemStatus.InProgress, task.Status);
        Assert.Equal(worker.Id, task.AssigneeId);
        Assert.Null(task.CompletedAt);
    }

    [Fact]
    public async Task TSK09_TSK11_exceptional_move_is_400_and_a_move_from_a_status_that_changed_meanwhile_is_409()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var a = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var b = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var clientA = await Users.LoginAsync(a);
        using var clientB = await Users.LoginAsync(b);
        var id = await CreateAsync(App, clientA, Unique("Concorrência"), ("SectorId", fiscal.ToString()));

        var invalid = await StatusAsync(clientA, id, TaskItemStatus.Done, TaskItemStatus.Pending);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains(TaskMessages.InvalidTransition, await HtmlAsync(invalid));
        var garbage = await PostActionAsync(clientA, id, "Status", ("to", "Arquivada"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(TaskItemStatus.Pending, (await TaskAsync(App, id)).Status);

        await StatusAsync(clientA, id, TaskItemStatus.InProgress, TaskItemStatus.Pending);
        // Both saw "Em andamento": A completes, then B's "Voltar para pendente" arrives.
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(clientA, id, TaskItemStatus.Done, TaskItemStatus.InProgress)).StatusCode);
        var late = await StatusAsync(clientB, id, TaskItemStatus.Pending, TaskItemStatus.InProgress);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = TestClient.Parse(await late.Content.ReadAsStringAsync());
        Assert.Equal("A tarefa foi alterada por outra pessoa (agora: Concluída).", Text(page, ".alert-warning"));
        Assert.Contains("Concluída", Text(page, ".badge-status-concluida")); // the page shows the current state
        Assert.Equal(TaskItemStatus.Done, (await TaskAsync(App, id)).Status);
        Assert.Single(await HistoryAsync(App, id), h => h.Kind == TaskHistoryKind.StatusChanged && h.NewValue == "Concluída");
    }

    [Fact]
    public async Task TSK15_transfer_moves_subtasks_and_clears_assignees_who_are_not_members_of_the_target()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var contabil = await SectorIdAsync(App, "Contábil");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var fiscalOnly = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var both = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal", "Contábil"]);
        using var client = await Users.LoginAsync(author);
        var parent = await CreateAsync(App, client, Unique("Transferir"), ("SectorId", fiscal.ToString()), ("AssigneeId", both.Id.ToString()));
        var sub1 = await CreateAsync(App, client, Unique("Sub fiscal"), ("ParentId", parent.ToString()), ("AssigneeId", fiscalOnly.Id.ToString()));
        var sub2 = await CreateAsync(App, client, Unique("Sub ambos"), ("ParentId", parent.ToString()), ("AssigneeId", both.Id.ToString()));

        var (_, doc) = await client.GetPageAsync($"/tarefas/{parent}");
        Assert.NotNull(doc.QuerySelector($"#TransferSectorId option[value='{contabil}']"));
        var (_, childPage) = await client.GetPageAsync($"/tarefas/{sub1}");
        Assert.Null(childPage.QuerySelector("#transferir")); // subtasks follow their parent

        var assignees = TestClient.Parse(await (await GetHtmxAsync(client, $"/tarefas/{parent}?handler=TransferAssignees&transferSectorId={contabil}")).Content.ReadAsStringAsync());
        Assert.NotNull(assignees.QuerySelector($"#TransferAssigneeId option[value='{both.Id}']"));
        Assert.Null(assignees.QuerySelector($"#TransferAssigneeId option[value='{fiscalOnly.Id}']"));

        var bad = await PostActionAsync(client, parent, "Transfer", ("transferSectorId", contabil.ToString()), ("transferAssigneeId", fiscalOnly.Id.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(TaskMessages.AssigneeNotMember, Text(TestClient.Parse(await bad.Content.ReadAsStringAsync()), "#transferir [role=alert]"));
        var unknown = await PostActionAsync(client, parent, "Transfer", ("transferSectorId", "999999999"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(fiscal, (await TaskAsync(App, parent)).SectorId);

        var response = await PostActionAsync(client, parent, "Transfer", ("transferSectorId", contabil.ToString()), ("transferAssigneeId", ""));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tasks = await App.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.Id == parent || t.Id == sub1 || t.Id == sub2).ToDictionaryAsync(t => t.Id));
        Assert.All(tasks.Values, t => Assert.Equal(contabil, t.SectorId));
        Assert.Equal(both.Id, tasks[parent].AssigneeId); // kept: a Contábil member
        Assert.Null(tasks[sub1].AssigneeId);
        Assert.Equal(both.Id, tasks[sub2].AssigneeId);
        Assert.Contains(await HistoryAsync(App, sub1), h => h.Kind == TaskHistoryKind.FieldChanged && h.Field == "Responsável" && h.NewValue == null);
        Assert.Contains(await HistoryAsync(App, parent), h => h.Kind == TaskHistoryKind.Transferred && h.OldValue == "Fiscal" && h.NewValue == "Contábil");
        Assert.Single(Events<TaskTransferred>(App, parent));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskStatusPageTestsSqlite(SqlitePortal portal) : TaskStatusPageTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskStatusPageTestsMySql(MySqlPortal portal) : TaskStatusPageTests(portal);
