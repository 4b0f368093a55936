using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Tasks;

/// <summary>Status changes from the board (tasks.md §4, §10): the card buttons / drops post to the board's Status handler.</summary>
public abstract class TaskBoardStatusTests(SharedPortal portal) : IntegrationTest(portal)
{
    private sealed record Setup(NamedId Sector, TestUser Creator, TestUser Member, string Board);

    private async Task<Setup> SetupAsync()
    {
        var sector = await SectorAsync(App);
        return new Setup(sector, await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]),
            await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]), $"/tarefas/setor/{sector.Id}");
    }

    private static string StatusUrl(AngleSharp.Html.Dom.IHtmlDocument doc, long id, TaskItemStatus to) =>
        Card(doc, id)!.QuerySelector($"button[data-move-to={to}]")?.GetAttribute("formaction")
        ?? throw new InvalidOperationException($"card {id} has no move to {to}");

    private Task<List<TaskHistory>> HistoryAsync(long id) =>
        App.WithDbAsync(db => db.TaskHistory.AsNoTracking().Where(h => h.TaskId == id).OrderBy(h => h.Id).ToListAsync());

    [Fact]
    public async Task Iniciar_from_the_board_moves_the_card_with_history_and_returns_the_board()
    {
        var s = await SetupAsync();
        var id = await CreateAsync(App, s.Creator, new TaskInput(Unique("Apuração"), SectorId: s.Sector.Id));
        using var client = await Users.LoginAsync(s.Member);
        var doc = await PageAsync(client, s.Board);
        var card = Card(doc, id)!;
        Assert.Equal("InProgress", card.GetAttribute("data-targets")); // a member: only the standard move
        var button = card.QuerySelector("button[data-move-to=InProgress]")!;
        Assert.Contains("Iniciar", button.TextContent);

        var response = await HxPostAsync(client, s.Board, StatusUrl(doc, id, TaskItemStatus.InProgress),
            ("id", id.ToString()), ("to", "InProgress"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Status alterado para Em andamento.", "success"), Toast(response));
        var board = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([id], CardIds(Column(board, TaskItemStatus.InProgress)));
        Assert.Empty(CardIds(Column(board, TaskItemStatus.Pending)));
        Assert.Equal("Em andamento (1)", ColumnTitle(board, TaskItemStatus.InProgress));
        Assert.Contains("task-card-highlight", Card(board, id)!.ClassName);

        var task = await LoadAsync(App, id);
        Assert.Equal(TaskItemStatus.InProgress, task.Status);
        Assert.Equal(s.Member.Id, task.AssigneeId); // whoever starts it takes it
        var history = await HistoryAsync(id);
        Assert.Contains(history, h => h.Kind == TaskHistoryKind.StatusChanged && h.OldValue == "Pendente" && h.NewValue == "Em andamento" && h.ById == s.Member.Id);

        // The card now offers "Concluir" and "Voltar para pendente" in that column.
        Assert.Equal("Pending Done", Card(board, id)!.GetAttribute("data-targets"));
    }

    [Fact]
    public async Task Without_javascript_the_status_form_redirects_back_to_the_board_with_the_card_highlighted()
    {
        var s = await SetupAsync();
        var id = await CreateAsync(App, s.Creator, new TaskInput(Unique("Sem JS"), SectorId: s.Sector.Id));
        using var client = await Users.LoginAsync(s.Member);
        var doc = await PageAsync(client, s.Board + "?prioridade=Medium");
        // The button submits the board's one form (it holds the antiforgery token) to an address naming the move.
        var button = Card(doc, id)!.QuerySelector("button[data-move-to=InProgress]")!;
        var form = doc.GetElementById(button.GetAttribute("form")!)!;
        Assert.Equal("FORM", form.TagName);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var response = await client.PostFormAsync(s.Board, button.GetAttribute("formaction"), []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{s.Board}?prioridade=Medium&destaque={id}", response.Headers.Location!.OriginalString);
        var after = await PageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Status alterado para Em andamento.", Text(after));
        Assert.Equal([id], CardIds(Column(after, TaskItemStatus.InProgress)));
    }

    [Fact]
    public async Task A_follower_outside_the_sector_gets_403_and_nothing_changes()
    {
        var s = await SetupAsync();
        var follower = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var id = await CreateAsync(App, s.Creator, new TaskInput(Unique("Seguida"), SectorId: s.Sector.Id, FollowerIds: [follower.Id]));
        using var client = await Users.LoginAsync(follower);
        var response = await HxPostAsync(client, "/tarefas/minhas", "/tarefas/minhas?handler=Status",
            ("id", id.ToString()), ("to", "InProgress"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("danger", Toast(response).Kind);
        Assert.Equal(TaskItemStatus.Pending, (await LoadAsync(App, id)).Status);
        Assert.DoesNotContain(await HistoryAsync(id), h => h.Kind == TaskHistoryKind.StatusChanged);

        // A task the user cannot see at all is 404, not 403.
        var hidden = await CreateAsync(App, s.Creator, new TaskInput(Unique("Oculta"), SectorId: s.Sector.Id));
        var notFound = await HxPostAsync(client, "/tarefas/minhas", "/tarefas/minhas?handler=Status",
            ("id", hidden.ToString()), ("to", "InProgress"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Pendente_to_Concluida_by_a_member_is_invalid_transition_and_allowed_with_manage_any()
    {
        var s = await SetupAsync();
        var id = await CreateAsync(App, s.Creator, new TaskInput(Unique("Exceção"), SectorId: s.Sector.Id));
        using var client = await Users.LoginAsync(s.Member);
        var response = await HxPostAsync(client, s.Board, s.Board + "?handler=Status", ("id", id.ToString()), ("to", "Done"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("Transição não permitida.", "danger"), Toast(response));
        Assert.Equal(TaskItemStatus.Pending, (await LoadAsync(App, id)).Status);

        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var manager = await Users.LoginAsync(gestor);
        var doc = await PageAsync(manager, s.Board);
        Assert.Equal("InProgress Done", Card(doc, id)!.GetAttribute("data-targets"));
        var ok = await HxPostAsync(manager, s.Board, StatusUrl(doc, id, TaskItemStatus.Done), ("id", id.ToString()), ("to", "Done"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var task = await LoadAsync(App, id);
        Assert.Equal(TaskItemStatus.Done, task.Status);
        Assert.NotNull(task.CompletedAt);
    }

    [Fact]
    public async Task A_stale_expected_status_is_409_with_the_current_status_and_the_card_where_it_really_is()
    {
        var s = await SetupAsync();
        var id = await CreateAsync(App, s.Creator, new TaskInput(Unique("Disputada"), SectorId: s.Sector.Id));
        using var client = await Users.LoginAsync(s.Member);
        var doc = await PageAsync(client, s.Board);
        await ChangeStatusAsync(App, s.Creator, id, TaskItemStatus.InProgress); // someone else, meanwhile

        var response = await HxPostAsync(client, s.Board, StatusUrl(doc, id, TaskItemStatus.InProgress),
            ("id", id.ToString()), ("to", "InProgress"), ("expected", "Pending"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(("A tarefa foi alterada por outra pessoa (agora: Em andamento).", "warning"), Toast(response));
        var board = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([id], CardIds(Column(board, TaskItemStatus.InProgress)));
        var task = await LoadAsync(App, id);
        Assert.Equal(s.Creator.Id, task.AssigneeId); // the member's click changed nothing
        Assert.Single(await HistoryAsync(id), h => h.Kind == TaskHistoryKind.StatusChanged);
    }

    [Fact]
    public async Task Concluir_with_open_subtasks_asks_for_confirmation_with_the_count()
    {
        var s = await SetupAsync();
        var id = await CreateAsync(App, s.Creator, new TaskInput(Unique("Com partes"), SectorId: s.Sector.Id));
        var first = await CreateAsync(App, s.Creator, new TaskInput("Parte 1", ParentId: id));
        await CreateAsync(App, s.Creator, new TaskInput("Parte 2", ParentId: id));
        await CreateAsync(App, s.Creator, new TaskInput("Parte 1.1", ParentId: first));
        await ChangeStatusAsync(App, s.Creator, id, TaskItemStatus.InProgress);
        using var client = await Users.LoginAsync(s.Creator);
        var card = Card(await PageAsync(client, s.Board), id)!;
        const string question = "Esta tarefa possui 3 subtarefas abertas. Concluir mesmo assim?";
        Assert.Equal(question, card.QuerySelector("button[data-move-to=Done]")!.GetAttribute("data-confirm"));
        Assert.Equal(question, card.GetAttribute("data-confirm-done"));
        Assert.True(string.IsNullOrEmpty(card.QuerySelector("button[data-move-to=Pending]")!.GetAttribute("data-confirm")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskBoardStatusTestsSqlite(SqlitePortal portal) : TaskBoardStatusTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskBoardStatusTestsMySql(MySqlPortal portal) : TaskBoardStatusTests(portal);
