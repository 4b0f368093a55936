using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Files;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>"Nova tarefa" (tasks.md §6) through the real page: TSK-01, 02, 03, 23 and bad input.</summary>
public abstract class TaskCreatePageTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task TSK01_create_in_Fiscal_assigned_to_a_colleague_is_pending_with_history_audit_and_event()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var colleague = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);

        var (form, doc) = await client.GetPageAsync($"{NewPage}?setor={fiscal}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.NotNull(doc.QuerySelector($"#SectorId option[value='{fiscal}'][selected]"));
        Assert.NotNull(doc.QuerySelector($"#AssigneeId option[value='{colleague.Id}']"));
        Assert.NotNull(doc.QuerySelector("textarea#Description[data-richtext][data-max='20000']"));
        Assert.Equal("Medium", doc.QuerySelector("#Priority option[selected]")?.GetAttribute("value"));

        var title = Unique("Apurar ICMS");
        var response = await PostNewAsync(client, ("Title", title), ("Description", "Conferir <b>notas</b>"), ("SectorId", fiscal.ToString()),
            ("AssigneeId", colleague.Id.ToString()), ("Priority", "High"), ("DueDate", "2030-05-10"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var task = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Title == title));
        Assert.Equal($"/tarefas/setor/{fiscal}?destaque={task.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(TaskItemStatus.Pending, task.Status);
        Assert.Equal(colleague.Id, task.AssigneeId);
        Assert.Equal(author.Id, task.CreatorId);
        Assert.Equal(fiscal, task.SectorId);
        Assert.Equal(TaskPriority.High, task.Priority);
        Assert.Equal(new DateOnly(2030, 5, 10), task.DueDate);
        Assert.False(task.IsPrivate);

        var history = await HistoryAsync(App, task.Id);
        Assert.Contains(history, h => h.Kind == TaskHistoryKind.Created && h.ById == author.Id);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "create" && a.ResourceType == "task"
            && a.ResourceId == task.Id.ToString() && a.ActorUserId == author.Id)));
        var created = Assert.Single(Events<TaskCreated>(App, task.Id));
        Assert.Equal(author.Id, created.ActorId);
        Assert.Equal(colleague.Id, created.Task.AssigneeId); // the notifications module tells the assignee

        // The colleague opens it from the notification.
        using var other = await Users.LoginAsync(colleague);
        var (detail, page) = await other.GetPageAsync($"/tarefas/{task.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Pendente", page.QuerySelector(".badge-status-pendente")!.TextContent);
    }

    [Fact]
    public async Task TSK02_assignee_outside_the_sector_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        using var client = await Users.LoginAsync(author);
        var title = Unique("Responsável de fora");

        var response = await PostNewAsync(client, ("Title", title), ("SectorId", fiscal.ToString()), ("AssigneeId", outsider.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(TaskMessages.AssigneeNotMember, doc.QuerySelector("#AssigneeId-erro")?.TextContent.Trim());
        Assert.Contains("is-invalid", doc.QuerySelector("#AssigneeId")!.ClassName);
        Assert.Equal(title, doc.QuerySelector("#Title")?.GetAttribute("value")); // what was typed stays
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title == title)));
    }

    [Fact]
    public async Task TSK03_sector_the_user_does_not_belong_to_without_create_other_sectors_is_403_and_not_offered()
    {
        var contabil = await SectorIdAsync(App, "Contábil");
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var user = await UserWithGrantsAsync(App, Users, ["tasks.access"], ["Fiscal"]);
        using var client = await Users.LoginAsync(user);

        var (_, doc) = await client.GetPageAsync(NewPage);
        var offered = doc.QuerySelectorAll("#SectorId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([fiscal.ToString()], offered);

        var title = Unique("Outro setor");
        var response = await PostNewAsync(client, ("Title", title), ("SectorId", contabil.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title == title)));

        // A Colaborador (create_other_sectors) may.
        var colaborador = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var allowed = await Users.LoginAsync(colaborador);
        await CreateAsync(App, allowed, Unique("Para o Contábil"), ("SectorId", contabil.ToString()));
    }

    [Fact]
    public async Task Without_tasks_access_the_form_is_403()
    {
        var user = await Users.CreateAsync(roles: ["Somente Sala de Reuniões"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(NewPage)).StatusCode);
        var title = Unique("Sem acesso");
        var response = await PostNewAsync(client, ("Title", title), ("IsPrivate", "true"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title == title)));
    }

    [Fact]
    public async Task Bad_input_gets_pt_BR_messages_next_to_each_field_and_nothing_is_saved()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var before = await App.WithDbAsync(db => db.Tasks.CountAsync(t => t.CreatorId == author.Id));

        async Task<AngleSharp.Html.Dom.IHtmlDocument> RefusedAsync(params (string, string)[] fields)
        {
            var response = await PostNewAsync(client, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return TestClient.Parse(await response.Content.ReadAsStringAsync());
        }
        string Message(AngleSharp.Html.Dom.IHtmlDocument doc, string field) => doc.QuerySelector($"#{field}-erro")?.TextContent.Trim() ?? "";

        var doc = await RefusedAsync(("Title", new string('x', 201)), ("SectorId", fiscal.ToString()));
        Assert.Equal("Máximo de 200 caracteres.", Message(doc, "Title"));

        doc = await RefusedAsync(("Title", "   "), ("SectorId", fiscal.ToString()));
        Assert.Equal("Campo obrigatório.", Message(doc, "Title"));

        doc = await RefusedAsync(("Title", Unique("Setor inexistente")), ("SectorId", "999999999"));
        Assert.Equal(TaskMessages.InvalidSector, Message(doc, "SectorId"));

        doc = await RefusedAsync(("Title", Unique("Pessoa inexistente")), ("SectorId", fiscal.ToString()), ("AssigneeId", "999999999"));
        Assert.Equal(TaskMessages.AssigneeNotMember, Message(doc, "AssigneeId"));

        doc = await RefusedAsync(("Title", Unique("Acompanhante inexistente")), ("SectorId", fiscal.ToString()), ("FollowerIds", "999999999"));
        Assert.Equal(TaskMessages.InvalidUser, Message(doc, "FollowerIds"));

        doc = await RefusedAsync(("Title", Unique("Data")), ("SectorId", fiscal.ToString()), ("DueDate", "31/02/2030"));
        Assert.Equal("Data inválida. Use dd/mm/aaaa.", Message(doc, "DueDate"));

        doc = await RefusedAsync(("Title", Unique("Data fora")), ("SectorId", fiscal.ToString()), ("DueDate", "1999-12-31"));
        Assert.Equal(TaskMessages.DueDateRange, Message(doc, "DueDate"));

        doc = await RefusedAsync(("Title", Unique("Cliente")), ("SectorId", fiscal.ToString()), ("ClientId", "abc"));
        Assert.Equal("Valor inválido.", Message(doc, "ClientId"));

        doc = await RefusedAsync(("Title", Unique("Cliente inexistente")), ("SectorId", fiscal.ToString()), ("ClientId", "424242"));
        Assert.Equal(TaskMessages.InvalidClient, Message(doc, "ClientId"));

        doc = await RefusedAsync(("Title", Unique("Prioridade")), ("SectorId", fiscal.ToString()), ("Priority", "Urgentíssima"));
        Assert.Equal("Valor inválido.", Message(doc, "Priority"));

        Assert.Equal(before, await App.WithDbAsync(db => db.Tasks.CountAsync(t => t.CreatorId == author.Id)));
    }

    [Fact]
    public async Task Private_task_has_no_sector_and_the_creator_as_assignee_and_returns_to_pessoais()
    {
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var (_, form) = await client.GetPageAsync($"{NewPage}?pessoal=1");
        Assert.NotNull(form.QuerySelector("#IsPrivate[checked]"));
        Assert.Null(form.QuerySelector("#SectorId"));
        Assert.Null(form.QuerySelector("#AssigneeId"));
        Assert.Null(form.QuerySelector("#FollowerIds"));

        var title = Unique("Lembrete pessoal");
        var response = await PostNewAsync(client, ("Title", title), ("IsPrivate", "true"));
        var task = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Title == title));
        Assert.Equal($"/tarefas/pessoais?destaque={task.Id}", response.Headers.Location!.OriginalString);
        Assert.True(task.IsPrivate);
        Assert.Null(task.SectorId);
        Assert.Equal(author.Id, task.AssigneeId);
    }

    [Fact]
    public async Task Scope_block_reloads_with_the_members_of_the_chosen_sector()
    {
        var contabil = await SectorIdAsync(App, "Contábil");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var contabilMember = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        using var client = await Users.LoginAsync(author);

        var response = await GetHtmxAsync(client, $"{NewPage}?handler=Scope&SectorId={contabil}");
        var html = await response.Content.ReadAsStringAsync();
        var scope = TestClient.Parse(html);
        Assert.NotNull(scope.QuerySelector($"#SectorId option[value='{contabil}'][selected]"));
        Assert.NotNull(scope.QuerySelector($"#AssigneeId option[value='{contabilMember.Id}']"));
        Assert.NotNull(scope.QuerySelector($"#AssigneeId option[value='{author.Id}']")); // the creator may always be assigned
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase); // a fragment, not a page

        var privateScope = TestClient.Parse(await (await GetHtmxAsync(client, $"{NewPage}?handler=Scope&IsPrivate=true")).Content.ReadAsStringAsync());
        Assert.Null(privateScope.QuerySelector("#AssigneeId"));
    }

    [Fact]
    public async Task Voltar_is_followed_only_when_it_is_a_local_path()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);

        var local = await PostNewAsync(client, ("Title", Unique("Volta local")), ("SectorId", fiscal.ToString()), ("Voltar", "/tarefas/minhas"));
        Assert.Equal("/tarefas/minhas", local.Headers.Location!.OriginalString);
        var title = Unique("Volta externa");
        var external = await PostNewAsync(client, ("Title", title), ("SectorId", fiscal.ToString()), ("Voltar", "//evil.example/x"));
        Assert.StartsWith($"/tarefas/setor/{fiscal}?destaque=", external.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TSK23_renamed_exe_is_refused_with_nothing_stored_and_a_pdf_is_stored_with_the_task()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var filesBefore = StoredOnDisk();

        var title = Unique("Com executável");
        var refused = await PostMultipartAsync(client, NewPage, [("Title", title), ("SectorId", fiscal.ToString())],
            [("Attachments", "nota-fiscal.pdf", Exe)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains(FileUploads.TypeNotAllowed, doc.QuerySelector("#Attachments-erro")?.TextContent);
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title == title)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OriginalName == "nota-fiscal.pdf" && f.UploadedById == author.Id)));
        Assert.Equal(filesBefore, StoredOnDisk()); // validated before anything is written

        var pdf = Pdf("tsk23");
        var accepted = await PostMultipartAsync(client, NewPage, [("Title", title), ("SectorId", fiscal.ToString())],
            [("Attachments", "guia.pdf", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var id = await App.WithDbAsync(db => db.Tasks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
        var file = await App.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id));
        Assert.Equal("guia.pdf", file.OriginalName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(App.DataPath, "files", file.StorageKey.Replace('/', Path.DirectorySeparatorChar))));

        var (_, detail) = await client.GetPageAsync($"/tarefas/{id}");
        Assert.NotNull(detail.QuerySelector($"#anexos a[href='/arquivos/{file.Id}']"));
    }

    /// <summary>Files in the app's storage folder (tests of one provider run one at a time).</summary>
    private int StoredOnDisk()
    {
        var root = Path.Combine(App.DataPath, "files");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
    }

    [Fact]
    public async Task Subtask_inherits_sector_and_privacy_and_returns_to_the_parent()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var parent = await CreateAsync(App, client, Unique("Principal"), ("SectorId", fiscal.ToString()));

        var (_, form) = await client.GetPageAsync($"{NewPage}?pai={parent}");
        Assert.Null(form.QuerySelector("#SectorId"));
        Assert.Null(form.QuerySelector("#IsPrivate"));
        Assert.Contains("Fiscal", form.QuerySelector("#task-scope")!.TextContent);

        var contabil = await SectorIdAsync(App, "Contábil");
        var title = Unique("Etapa");
        var response = await PostNewAsync(client, ("Title", title), ("ParentId", parent.ToString()), ("SectorId", contabil.ToString()), ("IsPrivate", "true"));
        Assert.Equal($"/tarefas/{parent}", response.Headers.Location!.OriginalString);
        var child = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Title == title));
        Assert.Equal(parent, child.ParentId);
        Assert.Equal(fiscal, child.SectorId);
        Assert.False(child.IsPrivate);
        Assert.Equal(1, child.Depth);
    }

    [Fact]
    public async Task Subtask_of_a_private_task_is_private_too()
    {
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var parent = await CreateAsync(App, client, Unique("Pessoal com etapas"), ("IsPrivate", "true"));

        var (_, form) = await client.GetPageAsync($"{NewPage}?pai={parent}");
        Assert.Null(form.QuerySelector("#SectorId"));
        Assert.Null(form.QuerySelector("#AssigneeId"));
        Assert.Equal("true", form.QuerySelector("#task-scope input[type=hidden][name=IsPrivate]")?.GetAttribute("value"));
        var scope = TestClient.Parse(await (await GetHtmxAsync(client, $"{NewPage}?handler=Scope&ParentId={parent}")).Content.ReadAsStringAsync());
        Assert.Null(scope.QuerySelector("#AssigneeId"));

        var title = Unique("Etapa pessoal");
        var response = await PostNewAsync(client, ("Title", title), ("ParentId", parent.ToString()));
        Assert.Equal($"/tarefas/{parent}", response.Headers.Location!.OriginalString);
        var child = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Title == title));
        Assert.True(child.IsPrivate);
        Assert.Null(child.SectorId);
        Assert.Equal(author.Id, child.AssigneeId);

        var other = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]);
        using var intruder = await Users.LoginAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/tarefas/{child.Id}")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskCreatePageTestsSqlite(SqlitePortal portal) : TaskCreatePageTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskCreatePageTestsMySql(MySqlPortal portal) : TaskCreatePageTests(portal);
