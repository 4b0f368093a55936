using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Files;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>The task detail (tasks.md §6): visibility (TSK-04, 05, IDOR), progress (TSK-14), delete (TSK-16), attachments (TSK-23), followers.</summary>
public abstract class TaskDetailPageTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task TSK04_outsider_gets_404_and_view_all_gets_200()
    {
        var contabil = await SectorIdAsync(App, "Contábil");
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var manager = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]);
        using var owner = await Users.LoginAsync(member);
        var title = Unique("Balancete");
        var id = await CreateAsync(App, owner, title, ("SectorId", contabil.ToString()));

        using var stranger = await Users.LoginAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/tarefas/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/tarefas/{id}/editar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/tarefas/{id}?handler=Conversation")).StatusCode);
        var comment = await PostActionAsync(stranger, id, "Comment", ("body", "Posso ver?"));
        Assert.Equal(HttpStatusCode.NotFound, comment.StatusCode);

        using var viewAll = await Users.LoginAsync(manager);
        var (response, doc) = await viewAll.GetPageAsync($"/tarefas/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(0, await App.WithDbAsync(db => db.TaskComments.CountAsync(c => c.TaskId == id)));
    }

    [Fact]
    public async Task TSK05_private_task_and_its_comments_and_attachments_are_404_for_everyone_else_including_Administrador()
    {
        var owner = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var ownerClient = await Users.LoginAsync(owner);
        var title = Unique("Particular");
        var created = await PostMultipartAsync(ownerClient, NewPage, [("Title", title), ("IsPrivate", "true")], [("Attachments", "pessoal.pdf", Pdf("p"))]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await App.WithDbAsync(db => db.Tasks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(ownerClient, id, "Comment", ("body", "Nota só minha"))).StatusCode);
        var commentId = await App.WithDbAsync(db => db.TaskComments.Where(c => c.TaskId == id).Select(c => c.Id).SingleAsync());
        var fileId = await App.WithDbAsync(db => db.StoredFiles.Where(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id).Select(f => f.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/tarefas/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/arquivos/{fileId}")).StatusCode);

        var colleague = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]);
        using var admin = await Users.LoginAsync(Users.Administrator);
        using var gestor = await Users.LoginAsync(colleague);
        foreach (var client in new[] { admin, gestor })
        {
            foreach (var url in new[]
            {
                $"/tarefas/{id}", $"/tarefas/{id}/editar", $"/tarefas/{id}?handler=Conversation", $"/tarefas/{id}?handler=TransferAssignees",
                $"/tarefas/{id}/editar?handler=Scope", $"{NewPage}?pai={id}", $"/arquivos/{fileId}",
            })
                Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);

            foreach (var (handler, fields) in new (string, (string, string)[])[]
            {
                ("Comment", [("body", "Invasão")]), ("DeleteComment", [("commentId", commentId.ToString())]),
                ("RemoveAttachment", [("fileId", fileId.ToString())]), ("Status", [("to", "InProgress"), ("expected", "Pending")]),
                ("Transfer", [("transferSectorId", "1")]), ("Delete", []), ("AddFollower", [("userId", colleague.Id.ToString())]),
                ("RemoveFollower", [("userId", owner.Id.ToString())]),
            })
                Assert.True((await PostActionAsync(client, id, handler, fields)).StatusCode == HttpStatusCode.NotFound, handler);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(NewPage, $"/tarefas/{id}/editar", [new("Title", "Invadida"), new("Version", "1")])).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostMultipartAsync(client, $"/tarefas/{id}?handler=Upload", [], [("files", "x.pdf", Pdf())])).StatusCode);
            var subtask = await PostNewAsync(client, ("Title", Unique("Sub invasora")), ("ParentId", id.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, subtask.StatusCode);
        }

        // The reference to the private rows from a task the intruder does own is not a way in either.
        var own = await CreateAsync(App, admin, Unique("Do administrador"), ("IsPrivate", "true"));
        Assert.Equal(HttpStatusCode.NotFound, (await PostActionAsync(admin, own, "RemoveAttachment", ("fileId", fileId.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostActionAsync(admin, own, "DeleteComment", ("commentId", commentId.ToString()))).StatusCode);

        var task = await TaskAsync(App, id);
        Assert.Equal(title, task.Title);
        Assert.Equal(TaskItemStatus.Pending, task.Status);
        Assert.True(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == fileId)));
        var comments = await App.WithDbAsync(db => db.TaskComments.AsNoTracking().Where(c => c.TaskId == id).ToListAsync());
        Assert.Contains("minha", Assert.Single(comments).Body);
        Assert.Null(comments[0].DeletedAt);
        Assert.False(await App.WithDbAsync(db => db.TaskFollowers.AnyAsync(f => f.TaskId == id)));
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.ParentId == id)));
    }

    [Fact]
    public async Task TSK14_parent_with_four_subtasks_one_done_shows_25_percent()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var parent = await CreateAsync(App, client, Unique("Fechamento"), ("SectorId", fiscal.ToString()));
        var children = new List<long>();
        for (var i = 1; i <= 4; i++) children.Add(await CreateAsync(App, client, Unique($"Etapa {i}"), ("ParentId", parent.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(client, children[0], TaskItemStatus.InProgress, TaskItemStatus.Pending)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(client, children[0], TaskItemStatus.Done, TaskItemStatus.InProgress)).StatusCode);

        var (_, doc) = await client.GetPageAsync($"/tarefas/{parent}");
        Assert.Equal("25", doc.QuerySelector("progress#progresso")?.GetAttribute("value"));
        Assert.Equal("25% concluído", Text(doc, "#progresso-texto"));
        Assert.Equal(4, doc.QuerySelectorAll("#subtarefas li").Length);
        Assert.Contains("(1/4)", Text(doc, "#subtarefas-titulo"));

        // Concluir asks first because 3 subtasks are open; the child shows its parent in the breadcrumbs.
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(client, parent, TaskItemStatus.InProgress, TaskItemStatus.Pending)).StatusCode);
        (_, doc) = await client.GetPageAsync($"/tarefas/{parent}");
        Assert.Equal("Esta tarefa possui 3 subtarefas abertas. Concluir mesmo assim?", doc.QuerySelector("button[name=to][value=Done]")?.GetAttribute("data-confirm"));
        (_, doc) = await client.GetPageAsync($"/tarefas/{children[1]}");
        Assert.NotNull(doc.QuerySelector($".breadcrumb a[href='/tarefas/{parent}']"));
    }

    [Fact]
    public async Task TSK16_delete_with_two_subtasks_and_three_attachments_removes_everything_with_one_audit_snapshot()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var title = Unique("Para excluir");
        var created = await PostMultipartAsync(client, NewPage, [("Title", title), ("SectorId", fiscal.ToString())],
            [("Attachments", "a.pdf", Pdf("a")), ("Attachments", "b.pdf", Pdf("b"))]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var parent = await App.WithDbAsync(db => db.Tasks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
        var first = await CreateAsync(App, client, Unique("Sub 1"), ("ParentId", parent.ToString()));
        var second = await CreateAsync(App, client, Unique("Sub 2"), ("ParentId", first.ToString()));
        var upload = await PostMultipartAsync(client, $"/tarefas/{first}?handler=Upload", [], [("files", "c.pdf", Pdf("c"))]);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(client, second, "Comment", ("body", "Comentário da etapa"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(client, first, "Comment", ("body", "Outro comentário"))).StatusCode);

        long[] ids = [parent, first, second];
        var files = await App.WithDbAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.OwnerType == TaskService.FileOwnerType && ids.Contains(f.OwnerId)).ToListAsync());
        Assert.Equal(3, files.Count);
        var paths = files.Select(f => Path.Combine(App.DataPath, "files", f.StorageKey.Replace('/', Path.DirectorySeparatorChar))).ToList();
        Assert.All(paths, p => Assert.True(File.Exists(p)));

        var (_, doc) = await client.GetPageAsync($"/tarefas/{parent}");
        var form = doc.QuerySelector($"form[action='/tarefas/{parent}?handler=Delete']")!;
        Assert.Equal($"Excluir a tarefa “{title}”? Também serão excluídos: 2 subtarefas e 3 anexos. Esta ação não pode ser desfeita.", form.GetAttribute("data-confirm"));
        var version = form.QuerySelector("input[name=version]")!.GetAttribute("value")!;

        var response = await PostActionAsync(client, parent, "Delete", ("version", version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tarefas/setor/{fiscal}", response.Headers.Location!.OriginalString);

        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => ids.Contains(t.Id))));
        Assert.False(await App.WithDbAsync(db => db.TaskComments.AnyAsync(c => ids.Contains(c.TaskId))));
        Assert.False(await App.WithDbAsync(db => db.TaskHistory.AnyAsync(h => ids.Contains(h.TaskId))));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == TaskService.FileOwnerType && ids.Contains(f.OwnerId))));
        Assert.All(paths, p => Assert.False(File.Exists(p), p));
        var audits = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "delete" && a.ResourceType == "task" && a.ResourceId == parent.ToString()).ToListAsync());
        var audit = Assert.Single(audits);
        Assert.Contains(title, audit.ChangesJson);
        Assert.Contains("c.pdf", audit.ChangesJson);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tarefas/{parent}")).StatusCode);
        Assert.Equal(3, Assert.Single(Events<TaskDeleted>(App, parent)).DeletedIds.Count);
    }

    [Fact]
    public async Task Delete_is_only_for_the_creator_or_manage_any_and_a_stale_version_changes_nothing()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        using var other = await Users.LoginAsync(member);
        var id = await CreateAsync(App, client, Unique("Não excluir"), ("SectorId", fiscal.ToString()));

        var (_, doc) = await other.GetPageAsync($"/tarefas/{id}");
        Assert.Null(doc.QuerySelector($"form[action='/tarefas/{id}?handler=Delete']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostActionAsync(other, id, "Delete", ("version", "1"))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(other, id, TaskItemStatus.InProgress, TaskItemStatus.Pending)).StatusCode);
        var stale = await PostActionAsync(client, id, "Delete", ("version", "1"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("alterada por outra pessoa", await HtmlAsync(stale));
        Assert.True(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Id == id)));
    }

    [Fact]
    public async Task TSK23_detail_upload_refuses_a_renamed_exe_and_stores_a_pdf_and_the_uploader_may_remove_it()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var id = await CreateAsync(App, client, Unique("Recebe anexos"), ("SectorId", fiscal.ToString()));

        var refused = await PostMultipartAsync(client, $"/tarefas/{id}?handler=Upload", [], [("files", "relatorio.pdf", Exe)]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(FileUploads.TypeNotAllowed, TestClient.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#anexos [role=alert]")!.TextContent);
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id)));

        // One bad file among good ones: none is kept, on disk or in history.
        var filesOnDisk = FilesOnDisk();
        var mixed = await PostMultipartAsync(client, $"/tarefas/{id}?handler=Upload", [], [("files", "ok.pdf", Pdf("ok")), ("files", "ruim.pdf", Exe)]);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id)));
        Assert.DoesNotContain(await HistoryAsync(App, id), h => h.Kind == TaskHistoryKind.AttachmentAdded);
        Assert.Equal(filesOnDisk, FilesOnDisk());

        // htmx: the panel comes back with the message, nothing stored.
        var token = await client.TokenFromAsync(NewPage);
        using (var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Exe), "files", "x.pdf" } })
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/tarefas/{id}?handler=Upload") { Content = form })
        {
            request.Headers.Add("HX-Request", "true");
            var partial = await client.Http.SendAsync(request);
            var html = await HtmlAsync(partial);
            Assert.Contains(FileUploads.TypeNotAllowed, html);
            Assert.StartsWith("<section id=\"anexos\"", html.Trim());
        }

        using var other = await Users.LoginAsync(member);
        var pdf = Pdf("upload");
        var accepted = await PostMultipartAsync(other, $"/tarefas/{id}?handler=Upload", [], [("files", "guia-2mb.pdf", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var file = await App.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id));
        Assert.Equal(member.Id, file.UploadedById);
        Assert.Contains(await HistoryAsync(App, id), h => h.Kind == TaskHistoryKind.AttachmentAdded && h.NewValue == "guia-2mb.pdf");

        // Downloadable through the file endpoint by whoever sees the task, 404 for anyone else (PLT-06/07).
        var download = await client.GetAsync($"/arquivos/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        using (var outsiderClient = await Users.LoginAsync(outsider))
            Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/arquivos/{file.Id}")).StatusCode);

        // The uploader and the creator may remove it; another member without manage_any may not.
        var third = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var stranger = await Users.LoginAsync(third);
        var (_, doc) = await stranger.GetPageAsync($"/tarefas/{id}");
        Assert.Null(doc.QuerySelector($"#anexos input[name=fileId][value='{file.Id}']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostActionAsync(stranger, id, "RemoveAttachment", ("fileId", file.Id.ToString()))).StatusCode);
        var removed = await PostHtmxAsync(other, $"/tarefas/{id}?handler=RemoveAttachment", ("fileId", file.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Anexo removido.", removed.Headers.GetValues("HX-Trigger").Single());
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == file.Id)));
        Assert.False(File.Exists(Path.Combine(App.DataPath, "files", file.StorageKey.Replace('/', Path.DirectorySeparatorChar))));
    }

    /// <summary>Files in the app's storage folder (tests of one provider run one at a time).</summary>
    private int FilesOnDisk()
    {
        var root = Path.Combine(App.DataPath, "files");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
    }

    [Fact]
    public async Task Followers_are_added_by_editors_and_anyone_may_stop_following()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var outsider = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        using var client = await Users.LoginAsync(author);
        var id = await CreateAsync(App, client, Unique("Com acompanhante"), ("SectorId", fiscal.ToString()));

        var added = await PostHtmxAsync(client, $"/tarefas/{id}?handler=AddFollower", ("userId", outsider.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains(outsider.FullName, await HtmlAsync(added));
        Assert.True(await App.WithDbAsync(db => db.TaskFollowers.AnyAsync(f => f.TaskId == id && f.UserId == outsider.Id)));
        var unknown = await PostHtmxAsync(client, $"/tarefas/{id}?handler=AddFollower", ("userId", "999999999"));
        Assert.Contains(TaskMessages.InvalidUser, await HtmlAsync(unknown));

        // The follower (not a Fiscal member) now sees the task, and leaves it.
        using var follower = await Users.LoginAsync(outsider);
        var (_, doc) = await follower.GetPageAsync($"/tarefas/{id}");
        Assert.Contains("Deixar de acompanhar", doc.QuerySelector("#acompanhantes")!.TextContent);
        var left = await PostActionAsync(follower, id, "RemoveFollower", ("userId", outsider.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal("/tarefas/minhas", left.Headers.Location!.OriginalString); // no longer visible to them
        Assert.False(await App.WithDbAsync(db => db.TaskFollowers.AnyAsync(f => f.TaskId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await follower.GetAsync($"/tarefas/{id}")).StatusCode);
        var history = await HistoryAsync(App, id);
        Assert.Contains(history, h => h.Kind == TaskHistoryKind.FollowerAdded);
        Assert.Contains(history, h => h.Kind == TaskHistoryKind.FollowerRemoved && h.ById == outsider.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskDetailPageTestsSqlite(SqlitePortal portal) : TaskDetailPageTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskDetailPageTestsMySql(MySqlPortal portal) : TaskDetailPageTests(portal);
