using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>The conversation panel (tasks.md §2, §6): TSK-17 (participants, unread until opened), TSK-18, comment removal.</summary>
public abstract class TaskConversationPageTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task TSK17_comment_reaches_participants_and_stays_unread_for_the_assignee_until_they_open_the_conversation()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var c = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var b = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var f = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Contábil"]);
        var a = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var creator = await Users.LoginAsync(c);
        var id = await CreateAsync(App, creator, Unique("Conversa"), ("SectorId", fiscal.ToString()), ("AssigneeId", b.Id.ToString()),
            ("FollowerIds", f.Id.ToString()));

        using var author = await Users.LoginAsync(a);
        var posted = await PostHtmxAsync(author, $"/tarefas/{id}?handler=Comment", ("body", "Documentos recebidos"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Documentos recebidos", await HtmlAsync(posted));
        Assert.Contains("Mensagem enviada.", posted.Headers.GetValues("HX-Trigger").Single());

        var comment = Assert.Single(Events<TaskCommentCreated>(App, id));
        Assert.Equal(a.Id, comment.ActorId);
        // The notifications module excludes the actor from the participants it notifies.
        Assert.Equal(new[] { b.Id, c.Id, f.Id }.Order(), comment.ParticipantIds.Where(p => p != comment.ActorId).Order());

        // The author has read their own message; B has one unread until opening the conversation.
        var (_, authorPage) = await author.GetPageAsync($"/tarefas/{id}");
        Assert.Equal("", Text(authorPage, "#unread-count"));
        using var assignee = await Users.LoginAsync(b);
        for (var i = 0; i < 2; i++)
        {
            var (_, page) = await assignee.GetPageAsync($"/tarefas/{id}");
            Assert.Equal("1 não lida", Text(page, "#unread-count"));
            Assert.Equal("1", Text(page, "#unread-tab"));
            Assert.NotNull(page.QuerySelector($"#conversa-body a[hx-get='/tarefas/{id}?handler=Conversation']"));
            Assert.DoesNotContain("Documentos recebidos", page.QuerySelector("#conversa-body")!.TextContent);
        }

        var opened = await GetHtmxAsync(assignee, $"/tarefas/{id}?handler=Conversation");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var panel = TestClient.Parse(await opened.Content.ReadAsStringAsync());
        Assert.Contains("Documentos recebidos", panel.QuerySelector("#conversa-body")!.TextContent);
        Assert.Equal("Novas mensagens", Text(panel, "#novas-mensagens"));
        Assert.NotNull(panel.QuerySelector("#unread-count[hx-swap-oob]"));
        Assert.True(await App.WithDbAsync(db => db.TaskReadStates.AnyAsync(r => r.TaskId == id && r.UserId == b.Id)));

        var (_, after) = await assignee.GetPageAsync($"/tarefas/{id}");
        Assert.Equal("", Text(after, "#unread-count"));
        Assert.Contains("Documentos recebidos", after.QuerySelector("#conversa-body")!.TextContent); // nothing unread: shown open

        // A second message is unread again, and ?conversa=1 (the notification link) opens and marks it read.
        await PostActionAsync(author, id, "Comment", ("body", "Mais um documento"));
        var (_, again) = await assignee.GetPageAsync($"/tarefas/{id}");
        Assert.Equal("1 não lida", Text(again, "#unread-count"));
        var (_, link) = await assignee.GetPageAsync($"/tarefas/{id}?conversa=1");
        Assert.Equal("", Text(link, "#unread-count"));
        Assert.Contains("Mais um documento", link.QuerySelector("#conversa-body")!.TextContent);
        var (_, last) = await assignee.GetPageAsync($"/tarefas/{id}");
        Assert.Equal("", Text(last, "#unread-count"));
    }

    [Fact]
    public async Task TSK18_comment_with_an_img_onerror_is_stored_without_it()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(user);
        var id = await CreateAsync(App, client, Unique("XSS"), ("SectorId", fiscal.ToString()));

        var response = await PostActionAsync(client, id, "Comment", ("body", "Veja <img src=x onerror=alert(1)> isto"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tarefas/{id}?conversa=1#conversa", response.Headers.Location!.OriginalString);
        var body = await App.WithDbAsync(db => db.TaskComments.Where(x => x.TaskId == id).Select(x => x.Body).SingleAsync());
        Assert.DoesNotContain("onerror", body!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", body!, StringComparison.OrdinalIgnoreCase);
        var html = await (await client.GetAsync($"/tarefas/{id}?conversa=1")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);

        var empty = await PostActionAsync(client, id, "Comment", ("body", "   "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains(TaskMessages.CommentRequired, Text(TestClient.Parse(await empty.Content.ReadAsStringAsync()), "#conversa-body .invalid-feedback"));
        Assert.Equal(1, await App.WithDbAsync(db => db.TaskComments.CountAsync(x => x.TaskId == id)));
    }

    [Fact]
    public async Task Only_manage_any_removes_a_comment_and_it_stays_as_removed_by_name()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var manager = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(user);
        var id = await CreateAsync(App, client, Unique("Moderação"), ("SectorId", fiscal.ToString()));
        await PostActionAsync(client, id, "Comment", ("body", "Mensagem imprópria"));
        var commentId = await App.WithDbAsync(db => db.TaskComments.Where(x => x.TaskId == id).Select(x => x.Id).SingleAsync());

        var (_, own) = await client.GetPageAsync($"/tarefas/{id}");
        Assert.Null(own.QuerySelector($"form[action*='handler=DeleteComment']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostActionAsync(client, id, "DeleteComment", ("commentId", commentId.ToString()))).StatusCode);

        using var gestor = await Users.LoginAsync(manager);
        var (_, page) = await gestor.GetPageAsync($"/tarefas/{id}?conversa=1");
        Assert.NotNull(page.QuerySelector($"form[action='/tarefas/{id}?handler=DeleteComment&commentId={commentId}']"));
        var removed = await PostHtmxAsync(gestor, $"/tarefas/{id}?handler=DeleteComment&commentId={commentId}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains($"Comentário removido por {manager.FullName}.", await HtmlAsync(removed));
        var row = await App.WithDbAsync(db => db.TaskComments.AsNoTracking().SingleAsync(x => x.Id == commentId));
        Assert.Null(row.Body);
        Assert.Equal(manager.Id, row.DeletedById);
        var (_, seen) = await client.GetPageAsync($"/tarefas/{id}?conversa=1");
        Assert.DoesNotContain("Mensagem imprópria", seen.QuerySelector("#conversa-body")!.TextContent);
        Assert.Contains($"Comentário removido por {manager.FullName}.", seen.QuerySelector("#conversa-body")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskConversationPageTestsSqlite(SqlitePortal portal) : TaskConversationPageTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskConversationPageTestsMySql(MySqlPortal portal) : TaskConversationPageTests(portal);
