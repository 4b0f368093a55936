using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Time;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Tasks;

/// <summary>Board filters (tasks.md §6), "Histórico" with paging, and saved views of the boards (platform.md §8).</summary>
public abstract class TaskBoardFilterTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static List<long> AllCards(AngleSharp.Html.Dom.IHtmlDocument doc) => CardIds(doc.QuerySelector("#task-board")!);

    [Fact]
    public async Task TSK24_two_people_filter_keeps_tasks_where_both_are_creator_assignee_or_follower()
    {
        var sector = await SectorAsync(App);
        var u1 = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var u2 = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var other = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var t1 = await CreateAsync(App, u1, new TaskInput("Criada por 1, com 2", SectorId: sector.Id, AssigneeId: u2.Id));
        var t2 = await CreateAsync(App, u1, new TaskInput("Só do 1", SectorId: sector.Id));
        var t3 = await CreateAsync(App, other, new TaskInput("Seguida por ambos", SectorId: sector.Id, FollowerIds: [u1.Id, u2.Id]));
        var t4 = await CreateAsync(App, other, new TaskInput("Só do 2", SectorId: sector.Id, AssigneeId: u2.Id));
        await CreateAsync(App, other, new TaskInput("De ninguém", SectorId: sector.Id));

        using var client = await Users.LoginAsync(other);
        var both = await PageAsync(client, $"/tarefas/visao-geral?setor={sector.Id}&usuario={u1.Id}&usuario={u2.Id}");
        Assert.Equal(new[] { t1, t3 }.Order(), AllCards(both).Order());
        var one = await PageAsync(client, $"/tarefas/visao-geral?setor={sector.Id}&usuario={u2.Id}");
        Assert.Equal(new[] { t1, t3, t4 }.Order(), AllCards(one).Order());
        Assert.DoesNotContain(t2, AllCards(one));

        // Three people: only the first two count, and the page says so.
        var three = await PageAsync(client, $"/tarefas/visao-geral?setor={sector.Id}&usuario={u1.Id}&usuario={u2.Id}&usuario={other.Id}");
        Assert.Equal(new[] { t1, t3 }.Order(), AllCards(three).Order());
        Assert.Contains("Escolha no máximo 2 pessoas", Text(three));
    }

    [Fact]
    public async Task Overview_filters_priority_accent_insensitive_text_due_dates_client_and_sector()
    {
        var sector = await SectorAsync(App);
        var otherSector = await SectorAsync(App);
        var gestor = await Users.CreateAsync(roles: ["Gestor"], sectors: [sector.Name, otherSector.Name]);
        var today = SaoPaulo.Today(TimeProvider.System);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tasks = await InsertAsync(App,
        [
            NewTask($"Revisão do balanço {tag}", gestor.Id, sector.Id, priority: TaskPriority.High, due: today.AddDays(1), clientId: 990_000_077),
            NewTask($"Apuração {tag}", gestor.Id, sector.Id, priority: TaskPriority.Low, due: today.AddDays(10)),
            NewTask($"Declaração {tag}", gestor.Id, otherSector.Id, priority: TaskPriority.High, clientId: 990_000_078),
        ]);
        var (revisao, apuracao, declaracao) = (tasks[0].Id, tasks[1].Id, tasks[2].Id);
        using var client = await Users.LoginAsync(gestor);
        async Task<List<long>> Filter(string query) => AllCards(await PageAsync(client, "/tarefas/visao-geral?q=" + tag + "&" + query)).Order().ToList();

        Assert.Equal(new[] { revisao, apuracao, declaracao }.Order(), await Filter(""));
        Assert.Equal(new[] { revisao, declaracao }.Order(), await Filter("prioridade=High"));
        Assert.Equal([revisao], AllCards(await PageAsync(client, $"/tarefas/visao-geral?q=REVISAO+do+BALANCO+{tag}")));
        Assert.Equal([apuracao], AllCards(await PageAsync(client, $"/tarefas/visao-geral?q=apuração+{tag}")));
        Assert.Equal([revisao], await Filter($"entregaDe={today:yyyy-MM-dd}&entregaAte={today.AddDays(2):yyyy-MM-dd}"));
        Assert.Equal([apuracao], await Filter($"entregaDe={today.AddDays(5):yyyy-MM-dd}"));
        Assert.Equal([declaracao], await Filter("cliente=990000078"));
        Assert.Equal(new[] { revisao, apuracao }.Order(), await Filter($"setor={sector.Id}"));

        // A client id the registry does not know shows as its number (ids far above what other tests create).
        var card = Card(await PageAsync(client, "/tarefas/visao-geral?q=" + tag), revisao)!;
        Assert.Contains("Cliente #990000077", Squash(card.TextContent));
        // The filter form shows what is applied.
        var doc = await PageAsync(client, $"/tarefas/visao-geral?prioridade=High&setor={sector.Id}");
        Assert.Equal("High", doc.QuerySelector("#filtro-prioridade option[selected]")!.GetAttribute("value"));
        Assert.Contains("show", doc.QuerySelector("form#filtros")!.ClassName);
    }

    [Fact]
    public async Task Sector_board_Atribuidas_a_mim_and_Minhas_tarefas_with_and_without_my_sectors()
    {
        var sector = await SectorAsync(App);
        var me = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var colleague = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var mineAssigned = await CreateAsync(App, colleague, new TaskInput("Para mim", SectorId: sector.Id, AssigneeId: me.Id));
        var created = await CreateAsync(App, me, new TaskInput("Criei", SectorId: sector.Id));
        var followed = await CreateAsync(App, colleague, new TaskInput("Sigo", SectorId: sector.Id, FollowerIds: [me.Id]));
        var sectorOnly = await CreateAsync(App, colleague, new TaskInput("Do setor", SectorId: sector.Id));
        var privateOne = await CreateAsync(App, me, new TaskInput("Pessoal", IsPrivate: true));

        using var client = await Users.LoginAsync(me);
        var board = $"/tarefas/setor/{sector.Id}";
        Assert.Equal(new[] { mineAssigned, created, followed, sectorOnly }.Order(), AllCards(await PageAsync(client, board)).Order());
        Assert.Equal([mineAssigned], AllCards(await PageAsync(client, board + "?atribuidas=true")));

        var mine = AllCards(await PageAsync(client, $"/tarefas/minhas?setor={sector.Id}"));
        Assert.Equal(new[] { mineAssigned, created, followed }.Order(), mine.Order());
        var withSectors = AllCards(await PageAsync(client, $"/tarefas/minhas?setor={sector.Id}&setores=true"));
        Assert.Equal(new[] { mineAssigned, created, followed, sectorOnly }.Order(), withSectors.Order());
        Assert.DoesNotContain(privateOne, withSectors);
        Assert.Contains(privateOne, AllCards(await PageAsync(client, "/tarefas/pessoais")));
        var doc = await PageAsync(client, "/tarefas/minhas");
        Assert.Contains(doc.QuerySelectorAll("#filtro-setor option"), o => o.GetAttribute("value") == sector.Id.ToString());
        Assert.DoesNotContain(doc.QuerySelectorAll("#filtro-setor option"), o => o.TextContent == "Contábil"); // own sectors only
    }

    [Fact]
    public async Task Historico_pages_50_at_a_time_newest_first_with_roots_and_subtasks_and_its_filters()
    {
        var sector = await SectorAsync(App);
        var me = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var colleague = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var start = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var roots = await InsertAsync(App, Enumerable.Range(0, 50).Select(i =>
            NewTask($"Concluída {i:00}", i % 2 == 0 ? me.Id : colleague.Id, sector.Id, TaskItemStatus.Done, completedAt: start.AddHours(i),
                assigneeId: i % 5 == 0 ? me.Id : null, clientId: i == 7 ? 4242 : null)));
        var subtasks = await InsertAsync(App, Enumerable.Range(0, 5).Select(i =>
            NewTask($"Parte concluída {i}", colleague.Id, sector.Id, TaskItemStatus.Done, parentId: roots[i].Id, completedAt: start.AddDays(10).AddHours(i))));
        await InsertAsync(App, [NewTask("Aberta", me.Id, sector.Id)]);
        var personal = await InsertAsync(App, [NewTask("Minha pessoal feita", me.Id, null, TaskItemStatus.Done, isPrivate: true, completedAt: start)]);
        var all = roots.Concat(subtasks).OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id).Select(t => t.Id).ToList();

        using var client = await Users.LoginAsync(me);
        List<long> Rows(AngleSharp.Html.Dom.IHtmlDocument doc) =>
            doc.QuerySelectorAll("tr[data-task-id]").Select(r => long.Parse(r.GetAttribute("data-task-id")!)).ToList();
        var url = $"/tarefas/historico?setor={sector.Id}";
        var page1 = await PageAsync(client, url);
        Assert.Equal(all.Take(50), Rows(page1));
        Assert.Contains("1–50 de 55", Text(page1));
        Assert.Contains("Subtarefa de", page1.QuerySelector($"tr[data-task-id='{subtasks[0].Id}']")!.TextContent);
        var page2 = await PageAsync(client, url + "&page=2");
        Assert.Equal(all.Skip(50), Rows(page2));
        Assert.Equal(all.Skip(50), Rows(await PageAsync(client, url + "&page=99"))); // past the end: the last page

        Assert.Equal(roots.Where(t => t.AssigneeId == me.Id).OrderByDescending(t => t.CompletedAt).Select(t => t.Id),
            Rows(await PageAsync(client, url + "&atribuidas=true")));
        Assert.Equal(roots.Where(t => t.CreatorId == me.Id).OrderByDescending(t => t.CompletedAt).Select(t => t.Id),
            Rows(await PageAsync(client, url + "&criadas=true")));
        Assert.Equal([roots[7].Id], Rows(await PageAsync(client, url + "&cliente=4242")));
        Assert.Equal([roots[3].Id], Rows(await PageAsync(client, url + "&q=concluida+03")));
        // São Paulo days: 01/03 12:00 UTC is 09:00 there; the first 15 completions (up to 23:00 local) fall on 01/03.
        Assert.Equal(roots.Take(15).OrderByDescending(t => t.CompletedAt).Select(t => t.Id),
            Rows(await PageAsync(client, url + "&concluidaDe=2025-03-01&concluidaAte=2025-03-01")));
        Assert.Equal([personal[0].Id], Rows(await PageAsync(client, "/tarefas/historico?pessoais=true&concluidaAte=2025-03-01")));
        Assert.DoesNotContain(personal[0].Id, Rows(await PageAsync(client, url + "&concluidaAte=2025-03-01")));
    }

    [Fact]
    public async Task A_board_filter_saved_as_default_view_reopens_with_its_filters()
    {
        var sector = await SectorAsync(App);
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        using var client = await Users.LoginAsync(user);
        var page = $"/tarefas/visao-geral?prioridade=High&setor={sector.Id}&destaque=5";
        var doc = await PageAsync(client, page);
        var form = doc.QuerySelector("form[aria-label='Salvar visualização']")!;
        var save = await client.PostFormAsync(page, form.GetAttribute("action"), [new("viewName", "Urgentes do setor"), new("viewDefault", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var view = await App.WithDbAsync(db => db.SavedViews.AsNoTracking().SingleAsync(v => v.OwnerUserId == user.Id));
        Assert.Equal("tasks.overview", view.ListKey);
        Assert.Equal($"prioridade=High&setor={sector.Id}", view.Query);
        Assert.True(view.IsDefault);

        // A bare open applies the default view; the board shows it as active with its filters.
        var open = await client.GetAsync("/tarefas/visao-geral");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/tarefas/visao-geral?prioridade=High&setor={sector.Id}&view={view.Id}", open.Headers.Location!.OriginalString);
        var reopened = await PageAsync(client, open.Headers.Location!.OriginalString);
        Assert.Contains("Visualizações: Urgentes do setor", Squash(reopened.QuerySelector("[data-saved-views]")!.TextContent));
        Assert.Equal("High", reopened.QuerySelector("#filtro-prioridade option[selected]")!.GetAttribute("value"));

        // Sector boards keep their own views; the history has its own list too.
        var sectorDoc = await PageAsync(client, $"/tarefas/setor/{sector.Id}?atribuidas=true");
        var sectorForm = sectorDoc.QuerySelector("form[aria-label='Salvar visualização']")!;
        await client.PostFormAsync($"/tarefas/setor/{sector.Id}", sectorForm.GetAttribute("action"), [new("viewName", "Minhas do setor")]);
        Assert.Equal($"tasks.sector.{sector.Id}", await App.WithDbAsync(db =>
            db.SavedViews.Where(v => v.OwnerUserId == user.Id && v.Name == "Minhas do setor").Select(v => v.ListKey).SingleAsync()));
        Assert.NotNull((await PageAsync(client, "/tarefas/historico")).QuerySelector("[data-saved-views='tasks.history']"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskBoardFilterTestsSqlite(SqlitePortal portal) : TaskBoardFilterTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskBoardFilterTestsMySql(MySqlPortal portal) : TaskBoardFilterTests(portal);
