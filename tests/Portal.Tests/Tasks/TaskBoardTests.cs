using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Files;
using Portal.Platform.Time;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Tasks;

/// <summary>Boards (tasks.md §5–6): visibility, columns, counts, "Carregar mais", the Concluída column and card content.</summary>
public abstract class TaskBoardTests(SharedPortal portal) : IntegrationTest(portal)
{
    private async Task<long> SectorIdAsync(string name) =>
        await App.WithDbAsync(db => db.Sectors.Where(s => s.Name == name).Select(s => s.Id).FirstAsync());

    [Fact]
    public async Task TSK04_a_Contabil_task_is_on_the_overview_only_for_members_participants_and_view_all()
    {
        var contabil = await SectorIdAsync("Contábil");
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var gestor = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]);
        var title = Unique("Conciliação bancária");
        var id = await CreateAsync(App, creator, new TaskInput(title, SectorId: contabil));
        var overview = "/tarefas/visao-geral?q=" + Uri.EscapeDataString(title);

        using (var client = await Users.LoginAsync(outsider))
        {
            var doc = await PageAsync(client, overview);
            Assert.Null(Card(doc, id));
            Assert.Equal("Pendente (0)", ColumnTitle(doc, TaskItemStatus.Pending));
            await PageAsync(client, $"/tarefas/setor/{contabil}", HttpStatusCode.NotFound);
            Assert.DoesNotContain(title, Text(await PageAsync(client, "/tarefas/minhas?setores=true")));
        }
        using (var client = await Users.LoginAsync(gestor))
        {
            var doc = await PageAsync(client, overview);
            Assert.NotNull(Card(doc, id));
            Assert.NotNull(Card(await PageAsync(client, $"/tarefas/setor/{contabil}?q=" + Uri.EscapeDataString(title)), id));
        }
        using (var client = await Users.LoginAsync(creator))
            Assert.NotNull(Card(await PageAsync(client, $"/tarefas/setor/{contabil}?q=" + Uri.EscapeDataString(title)), id));

        // Following the task makes the outsider a participant: it shows on their overview and "Minhas tarefas".
        Assert.True((await AsUserAsync(App, creator, s => s.AddFollowerAsync(id, outsider.Id))).Succeeded);
        using (var client = await Users.LoginAsync(outsider))
        {
            Assert.NotNull(Card(await PageAsync(client, overview), id));
            Assert.NotNull(Card(await PageAsync(client, "/tarefas/minhas?q=" + Uri.EscapeDataString(title)), id));
            // Still no moves: a follower outside the sector cannot start it (tasks.md §4).
            Assert.Equal("", Card(await PageAsync(client, overview), id)!.GetAttribute("data-targets"));
        }
    }

    [Fact]
    public async Task TSK05_a_private_task_is_on_no_board_list_or_history_of_anyone_else_not_even_an_Administrador()
    {
        var owner = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var title = Unique("Lembrete pessoal");
        var open = await CreateAsync(App, owner, new TaskInput(title, IsPrivate: true));
        var closed = await CreateAsync(App, owner, new TaskInput(title + " feito", IsPrivate: true));
        await ChangeStatusAsync(App, owner, closed, TaskItemStatus.Done); // private: the creator may make any move
        var q = "?q=" + Uri.EscapeDataString(title);

        foreach (var other in new[] { Users.Administrator, await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]) })
        {
            using var client = await Users.LoginAsync(other);
            foreach (var url in new[] { "/tarefas/visao-geral" + q, "/tarefas/minhas" + q + "&setores=true", "/tarefas/pessoais" + q, "/tarefas/historico" + q,
                         "/tarefas/historico" + q + "&pessoais=true", $"/tarefas/setor/{await SectorIdAsync("Fiscal")}" + q })
            {
                var doc = await PageAsync(client, url);
                Assert.Null(Card(doc, open));
                Assert.DoesNotContain(title, Text(doc));
            }
        }

        using var mine = await Users.LoginAsync(owner);
        var personal = await PageAsync(mine, "/tarefas/pessoais");
        Assert.Equal([open], CardIds(Column(personal, TaskItemStatus.Pending)));
        Assert.Equal([closed], CardIds(Column(personal, TaskItemStatus.Done)));
        Assert.NotNull(Card(personal, open)!.QuerySelector("[aria-label='Somente para mim']"));
        Assert.Null(Card(await PageAsync(mine, "/tarefas/visao-geral" + q), open)); // boards of sectors never show it
        var history = await PageAsync(mine, "/tarefas/historico?pessoais=true");
        Assert.NotNull(history.QuerySelector($"tr[data-task-id='{closed}']"));
    }

    [Fact]
    public async Task TSK19_130_pending_tasks_show_the_exact_count_50_cards_and_Carregar_mais_brings_the_rest()
    {
        var sector = await SectorAsync(App);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var today = SaoPaulo.Today(TimeProvider.System);
        // 26 Alta, 52 Média, 52 Baixa; a quarter without due date.
        static TaskPriority PriorityOf(int i) => i % 5 == 0 ? TaskPriority.High : i % 2 == 0 ? TaskPriority.Medium : TaskPriority.Low;
        var tasks = await InsertAsync(App, Enumerable.Range(1, 130).Select(i => NewTask($"Lote {i:000}", member.Id, sector.Id,
            priority: PriorityOf(i), due: i % 4 == 0 ? null : today.AddDays(i % 7))));
        var expected = tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.DueDate is null).ThenBy(t => t.DueDate)
            .ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => t.Id).ToList();

        using var client = await Users.LoginAsync(member);
        var board = $"/tarefas/setor/{sector.Id}";
        var doc = await PageAsync(client, board);
        Assert.Equal("Pendente (130)", ColumnTitle(doc, TaskItemStatus.Pending));
        Assert.Equal("Em andamento (0)", ColumnTitle(doc, TaskItemStatus.InProgress));
        var pending = Column(doc, TaskItemStatus.Pending);
        Assert.Equal(expected.Take(50), CardIds(pending));

        var seen = CardIds(pending);
        var button = pending.QuerySelector("button.task-more")!;
        Assert.Contains("Carregar mais (80 restantes)", Squash(button.TextContent));
        var (first, more) = await HxGetAsync(client, button.GetAttribute("hx-get")!);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(expected.Skip(50).Take(50), CardIds(more));
        seen.AddRange(CardIds(more));
        button = more.QuerySelector("button.task-more")!;
        Assert.Contains("Carregar mais (30 restantes)", Squash(button.TextContent));
        var (_, last) = await HxGetAsync(client, button.GetAttribute("hx-get")!);
        Assert.Equal(expected.Skip(100), CardIds(last));
        Assert.Null(last.QuerySelector("button.task-more"));
        seen.AddRange(CardIds(last));
        Assert.Equal(expected, seen); // every task exactly once, in board order

        // The URL keeps the page's filters: "Carregar mais" of a filtered board pages through the filtered set.
        var medium = await PageAsync(client, board + "?prioridade=Medium");
        Assert.Equal("Pendente (52)", ColumnTitle(medium, TaskItemStatus.Pending));
        var moreButton = Column(medium, TaskItemStatus.Pending).QuerySelector("button.task-more")!;
        Assert.Contains("Carregar mais (2 restantes)", Squash(moreButton.TextContent));
        Assert.Contains("prioridade=Medium", moreButton.GetAttribute("hx-get"));
        var (_, mediumMore) = await HxGetAsync(client, moreButton.GetAttribute("hx-get")!);
        Assert.Equal(2, CardIds(mediumMore).Count);
        Assert.All(CardIds(mediumMore), id => Assert.Equal(TaskPriority.Medium, tasks.Single(t => t.Id == id).Priority));
    }

    [Fact]
    public async Task TSK20_Concluida_shows_the_5_most_recent_root_completions_and_Ver_historico_with_the_rest()
    {
        var sector = await SectorAsync(App);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var start = DateTime.UtcNow.AddDays(-10);
        var done = await InsertAsync(App, Enumerable.Range(1, 8).Select(i =>
            NewTask($"Feita {i}", member.Id, sector.Id, TaskItemStatus.Done, completedAt: start.AddHours(i))));
        // A completed subtask is not a card (boards show roots), even when it is the latest completion.
        await InsertAsync(App, [NewTask("Subtarefa feita", member.Id, sector.Id, TaskItemStatus.Done, parentId: done[0].Id, completedAt: DateTime.UtcNow)]);

        using var client = await Users.LoginAsync(member);
        var doc = await PageAsync(client, $"/tarefas/setor/{sector.Id}");
        var column = Column(doc, TaskItemStatus.Done);
        Assert.Equal("Concluída (8)", ColumnTitle(doc, TaskItemStatus.Done));
        Assert.Equal(done.OrderByDescending(t => t.CompletedAt).Take(5).Select(t => t.Id), CardIds(column));
        var link = column.QuerySelector("a[href^='/tarefas/historico']")!;
        Assert.Equal("Ver histórico (3)", Squash(link.TextContent));
        Assert.Equal($"/tarefas/historico?setor={sector.Id}", link.GetAttribute("href"));
        Assert.Null(column.QuerySelector("button.task-more"));
    }

    [Fact]
    public async Task A_card_shows_priority_due_flags_assignee_progress_attachments_comments_and_unread()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var assignee = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var today = SaoPaulo.Today(TimeProvider.System);
        var parent = await CreateAsync(App, creator, new TaskInput(Unique("Fechamento"), SectorId: sector.Id, AssigneeId: assignee.Id,
            Priority: TaskPriority.High, DueDate: today.AddDays(-1), ClientId: null));
        var children = new List<long>();
        for (var i = 0; i < 4; i++) children.Add(await CreateAsync(App, creator, new TaskInput($"Parte {i}", ParentId: parent)));
        await ChangeStatusAsync(App, creator, children[0], TaskItemStatus.InProgress);
        await ChangeStatusAsync(App, creator, children[0], TaskItemStatus.Done);
        var soon = await CreateAsync(App, creator, new TaskInput(Unique("Guia"), SectorId: sector.Id, DueDate: today.AddDays(2), Priority: TaskPriority.Low));
        var later = await CreateAsync(App, creator, new TaskInput(Unique("Arquivo"), SectorId: sector.Id, DueDate: today.AddDays(3)));
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
                db.StoredFiles.Add(new StoredFile
                {
                    Id = Guid.NewGuid(), OwnerType = TaskService.FileOwnerType, OwnerId = parent, Purpose = TaskService.AttachmentUseCase,
                    OriginalName = $"a{i}.pdf", ContentType = "application/pdf", SizeBytes = 1, Sha256 = new string('0', 64),
                    StorageKey = Guid.NewGuid().ToString("N"), UploadedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
        });
        // TSK-17: a comment by the creator is unread for the assignee until they open the conversation; own comments never count.
        Assert.True((await AsUserAsync(App, creator, s => s.AddCommentAsync(parent, "<p>Pode começar?</p>"))).Succeeded);
        Assert.True((await AsUserAsync(App, assignee, s => s.AddCommentAsync(parent, "<p>Sim.</p>"))).Succeeded);
        Assert.True((await AsUserAsync(App, creator, s => s.AddCommentAsync(parent, "<p>Obrigado.</p>"))).Succeeded);

        var reader = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        using (var readerClient = await Users.LoginAsync(reader))
            Assert.Contains("3 não lidas", Squash(Card(await PageAsync(readerClient, $"/tarefas/setor/{sector.Id}"), parent)!.TextContent));

        using var client = await Users.LoginAsync(assignee);
        var board = $"/tarefas/setor/{sector.Id}";
        var doc = await PageAsync(client, board);
        var card = Card(doc, parent)!;
        var text = Squash(card.TextContent);
        Assert.Contains("Alta", text);
        Assert.Equal("Overdue", card.QuerySelector("[data-due]")!.GetAttribute("data-due"));
        Assert.Contains("text-bg-danger", card.QuerySelector("[data-due]")!.ClassName);
        Assert.Contains(today.AddDays(-1).ToString("dd/MM/yyyy"), text);
        Assert.Contains("Responsável: " + assignee.FullName, text);
        Assert.Equal("25", card.QuerySelector("progress")!.GetAttribute("value")); // TSK-14: 1 of 4 direct subtasks
        Assert.Contains("1/4 · 25%", text);
        Assert.Contains("3 anexos", text);
        Assert.Contains("3 comentários", text);
        // Writing a comment marks the conversation read up to it: only "Obrigado." is new for the assignee.
        Assert.Equal("1", card.QuerySelector("[data-unread]")!.GetAttribute("data-unread"));
        Assert.Contains("1 não lida", text);
        Assert.Equal("Soon", Card(doc, soon)!.QuerySelector("[data-due]")!.GetAttribute("data-due"));
        Assert.Contains("task-due-soon", Card(doc, soon)!.QuerySelector("[data-due]")!.ClassName);
        Assert.Equal("None", Card(doc, later)!.QuerySelector("[data-due]")!.GetAttribute("data-due"));
        Assert.Null(Card(doc, parent)!.QuerySelector("[aria-label='Somente para mim']"));
        // Subtasks are not cards; the parent's "Concluir" would warn about the 3 open ones.
        Assert.All(children, c => Assert.Null(Card(doc, c)));

        Assert.True((await AsUserAsync(App, assignee, s => s.MarkConversationReadAsync(parent))).Succeeded);
        Assert.Null(Card(await PageAsync(client, board), parent)!.QuerySelector("[data-unread]"));
        using var creatorClient = await Users.LoginAsync(creator);
        Assert.Null(Card(await PageAsync(creatorClient, board), parent)!.QuerySelector("[data-unread]")); // own comments are never unread
    }

    [Fact]
    public async Task Sector_board_is_404_for_a_sector_without_board_inactive_or_not_allowed_and_403_without_tasks_access()
    {
        var inactive = await SectorAsync(App, active: false);
        var noBoard = await SectorAsync(App);
        await App.WithDbAsync(db => db.Sectors.Where(s => s.Id == noBoard.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.HasTaskBoard, false)));
        var other = await SectorAsync(App);
        var gestor = await Users.CreateAsync(roles: ["Gestor"], sectors: [inactive.Name, noBoard.Name]);
        using (var client = await Users.LoginAsync(gestor))
        {
            await PageAsync(client, $"/tarefas/setor/{inactive.Id}", HttpStatusCode.NotFound);
            await PageAsync(client, $"/tarefas/setor/{noBoard.Id}", HttpStatusCode.NotFound);
            await PageAsync(client, "/tarefas/setor/999999999", HttpStatusCode.NotFound);
            await PageAsync(client, $"/tarefas/setor/{other.Id}"); // tasks.view_all opens any board
        }

        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [other.Name]);
        using (var client = await Users.LoginAsync(member))
        {
            var doc = await PageAsync(client, $"/tarefas/setor/{other.Id}");
            Assert.Contains(other.Name, doc.QuerySelector("h1")!.TextContent);
            var novo = doc.QuerySelectorAll("a").First(a => a.TextContent.Contains("Nova tarefa"));
            Assert.Equal($"/tarefas/nova?setor={other.Id}&voltar={Uri.EscapeDataString($"/tarefas/setor/{other.Id}")}", novo.GetAttribute("href"));
            Assert.Contains(doc.QuerySelectorAll("a.dropdown-item"), a => a.GetAttribute("href") == $"/tarefas/setor/{other.Id}");
            Assert.DoesNotContain(doc.QuerySelectorAll("a.dropdown-item"), a => a.GetAttribute("href") == $"/tarefas/setor/{noBoard.Id}");
            await PageAsync(client, $"/tarefas/setor/{noBoard.Id}", HttpStatusCode.NotFound);
        }

        var role = await RoleAsync(App, ["clients.view"]);
        var noAccess = await Users.CreateAsync(roles: [role.Name], sectors: [other.Name]);
        using (var client = await Users.LoginAsync(noAccess))
        {
            foreach (var url in new[] { $"/tarefas/setor/{other.Id}", "/tarefas/visao-geral", "/tarefas/minhas", "/tarefas/pessoais", "/tarefas/historico" })
                await PageAsync(client, url, HttpStatusCode.Forbidden);
            var (_, home) = await client.GetPageAsync("/inicio");
            Assert.DoesNotContain(home.QuerySelectorAll("#portal-sidebar a.nav-link"), a => a.GetAttribute("href")!.StartsWith("/tarefas", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_menu_has_the_task_entries_for_holders_of_tasks_access()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(user);
        var doc = await PageAsync(client, "/tarefas/visao-geral");
        var links = doc.QuerySelectorAll("#portal-sidebar a.nav-link").Select(a => (a.GetAttribute("href"), Squash(a.TextContent))).ToList();
        Assert.Contains(("/tarefas/visao-geral", "Visão Geral"), links);
        Assert.Contains(("/tarefas/minhas", "Minhas tarefas"), links);
        Assert.Contains(("/tarefas/pessoais", "Somente para mim"), links);
        Assert.Contains(("/tarefas/historico", "Histórico"), links);
        Assert.Equal("page", doc.QuerySelector("#portal-sidebar a[href='/tarefas/visao-geral']")!.GetAttribute("aria-current"));
        // The overview offers the boards of the user's sectors.
        var fiscal = await SectorIdAsync("Fiscal");
        Assert.Contains(doc.QuerySelectorAll("a.dropdown-item"), a => a.GetAttribute("href") == $"/tarefas/setor/{fiscal}");
    }

    [Fact]
    public async Task Destaque_highlights_the_card()
    {
        var sector = await SectorAsync(App);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var id = await CreateAsync(App, member, new TaskInput(Unique("Destacar"), SectorId: sector.Id));
        using var client = await Users.LoginAsync(member);
        var doc = await PageAsync(client, $"/tarefas/setor/{sector.Id}?destaque={id}");
        Assert.Contains("task-card-highlight", Card(doc, id)!.ClassName);
        Assert.Equal("true", Card(doc, id)!.GetAttribute("data-highlight"));
        // The highlight is where the user came from, not a filter: the saved-view form does not keep it.
        Assert.DoesNotContain("destaque", doc.QuerySelector("form[aria-label='Salvar visualização']")!.GetAttribute("action")!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskBoardTestsSqlite(SqlitePortal portal) : TaskBoardTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskBoardTestsMySql(MySqlPortal portal) : TaskBoardTests(portal);
