using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients.Pages;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;
using Portal.Tests.Tasks;

namespace Portal.Tests.Clients;

/// <summary>
/// clients.md §8 "Tarefas abertas" on the record: open tasks linked to the client that the viewer may see (the tasks
/// module's policy, through IClientTasks), read apart from the cached record so task changes show at once.
/// </summary>
public abstract class ClientOpenTasksTests(SharedPortal portal) : IntegrationTest(portal)
{
    private SharedPortal Portal { get; } = portal;

    private Task<long> SectorAsync(string name) => App.WithDbAsync(db => db.Sectors.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    private static List<long> Listed(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        doc.QuerySelectorAll("#tarefas [data-task-id]").Select(li => long.Parse(li.GetAttribute("data-task-id")!)).ToList();

    [Fact]
    public async Task Lists_only_the_open_tasks_of_the_client_the_viewer_may_see_with_links()
    {
        var client = await ClientTestData.CreateAsync(App);
        var other = await ClientTestData.CreateAsync(App);
        var fiscal = await SectorAsync("Fiscal");
        var pessoal = await SectorAsync("Pessoal");
        var viewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var stranger = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Pessoal"]);
        var due = new DateOnly(2026, 12, 1);
        var tasks = await TaskTestData.InsertAsync(App,
        [
            TaskTestData.NewTask("Apurar ICMS", stranger.Id, fiscal, due: due, assigneeId: viewer.Id, clientId: client.Id),
            TaskTestData.NewTask("Conferir notas", stranger.Id, fiscal, TaskItemStatus.InProgress, clientId: client.Id),
            TaskTestData.NewTask("Concluída", stranger.Id, fiscal, TaskItemStatus.Done, clientId: client.Id),
            TaskTestData.NewTask("Folha de outro setor", stranger.Id, pessoal, clientId: client.Id),
            TaskTestData.NewTask("Privada de outra pessoa", stranger.Id, null, isPrivate: true, clientId: client.Id),
            TaskTestData.NewTask("Minha privada", viewer.Id, null, isPrivate: true, clientId: client.Id),
            TaskTestData.NewTask("Outro cliente", stranger.Id, fiscal, clientId: other.Id),
        ]);

        using var web = await Users.LoginAsync(viewer);
        var (_, doc) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Equal([tasks[0].Id, tasks[1].Id, tasks[5].Id], Listed(doc));
        var section = doc.QuerySelector("#tarefas")!;
        Assert.Equal($"/tarefas/{tasks[0].Id}", section.QuerySelector($"[data-task-id='{tasks[0].Id}'] a")!.GetAttribute("href"));
        var first = section.QuerySelector($"[data-task-id='{tasks[0].Id}']")!.TextContent;
        Assert.Contains("Pendente", first, StringComparison.Ordinal);
        Assert.Contains("01/12/2026", first, StringComparison.Ordinal);
        Assert.Contains(viewer.FullName, first, StringComparison.Ordinal);
        Assert.Contains("Em andamento", section.QuerySelector($"[data-task-id='{tasks[1].Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Privada de outra pessoa", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Folha de outro setor", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(section.QuerySelector("a[href^='/tarefas/visao-geral']"));
        Assert.NotNull(doc.QuerySelector("nav a[href='#tarefas']"));

        // Someone who sees every sector's tasks gets the other sector's too, never another person's private task.
        var manager = await Users.CreateAsync(roles: ["Gestor"]);
        using var managerWeb = await Users.LoginAsync(manager);
        var (_, managerDoc) = await managerWeb.GetPageAsync($"/clientes/{client.Id}");
        Assert.Equal([tasks[0].Id, tasks[1].Id, tasks[3].Id], Listed(managerDoc));
    }

    [Fact]
    public async Task Empty_state_and_no_section_without_access_to_tasks()
    {
        var client = await ClientTestData.CreateAsync(App);
        var viewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var web = await Users.LoginAsync(viewer);
        var (_, doc) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Equal("Nenhuma tarefa aberta vinculada a este cliente.", doc.QuerySelector("#tarefas p")!.TextContent.Trim());

        var clientsOnly = await ClientTestData.UserWithAsync(Portal, "clients.view");
        using var clientsWeb = await Users.LoginAsync(clientsOnly);
        var (_, without) = await clientsWeb.GetPageAsync($"/clientes/{client.Id}");
        Assert.NotNull(without.QuerySelector("#dados"));
        Assert.Null(without.QuerySelector("#tarefas"));
    }

    [Fact]
    public async Task Task_changes_show_at_once_although_the_record_is_cached()
    {
        var client = await ClientTestData.CreateAsync(App);
        var fiscal = await SectorAsync("Fiscal");
        var viewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var web = await Users.LoginAsync(viewer);
        var (_, before) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Empty(Listed(before));

        var id = await TaskTestData.CreateAsync(App, viewer, new TaskInput("Nova obrigação", SectorId: fiscal, ClientId: client.Id));
        var (_, created) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Equal([id], Listed(created));

        await TaskTestData.ChangeStatusAsync(App, viewer, id, TaskItemStatus.InProgress);
        await TaskTestData.ChangeStatusAsync(App, viewer, id, TaskItemStatus.Done);
        var (_, done) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Empty(Listed(done));
        Assert.Equal("Nenhuma tarefa aberta vinculada a este cliente.", done.QuerySelector("#tarefas p")!.TextContent.Trim());
    }

    [Fact]
    public async Task At_most_ten_with_a_link_to_all_of_them()
    {
        var client = await ClientTestData.CreateAsync(App);
        var fiscal = await SectorAsync("Fiscal");
        var viewer = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var total = ClientDetailModel.OpenTasksShown + 2;
        var tasks = await TaskTestData.InsertAsync(App, Enumerable.Range(1, total)
            .Select(i => TaskTestData.NewTask($"Tarefa {i:00}", viewer.Id, fiscal, due: new DateOnly(2026, 12, i), clientId: client.Id)));
        using var web = await Users.LoginAsync(viewer);
        var (_, doc) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Equal(tasks.Take(ClientDetailModel.OpenTasksShown).Select(t => t.Id), Listed(doc));
        var all = doc.QuerySelector("#tarefas a[href^='/tarefas/visao-geral']")!;
        Assert.Equal($"/tarefas/visao-geral?cliente={client.Id}", all.GetAttribute("href"));
        Assert.Equal($"Ver todas as {total} tarefas abertas", all.TextContent.Trim());
        var (_, list) = await web.GetPageAsync(all.GetAttribute("href")!);
        Assert.Contains($"Tarefa {total:00}", list.Body!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientOpenTasksTestsSqlite(SqlitePortal portal) : ClientOpenTasksTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientOpenTasksTestsMySql(MySqlPortal portal) : ClientOpenTasksTests(portal);
