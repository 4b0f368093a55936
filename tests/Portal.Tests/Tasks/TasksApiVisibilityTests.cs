using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>Visibility through the API (api.md §2: invisible → 404 everywhere): TSK-04, TSK-05 and IDOR by id.</summary>
public abstract class TasksApiVisibilityTests(SharedPortal portal) : TasksApiTest(portal)
{
    [Fact]
    public async Task Tsk05_a_private_task_is_404_and_absent_from_lists_for_everyone_else_including_administrators()
    {
        var owner = await CallerAsync(await SectorAsync());
        var token = Token();
        var task = await CreatePrivateTaskAsync(owner, $"Lembrete pessoal {token}");
        var id = task.GetProperty("id").GetInt64();
        Assert.True(task.GetProperty("isPrivate").GetBoolean());
        Assert.Equal(owner.Id, task.GetProperty("assignee").GetProperty("id").GetInt64());

        var admin = await SignInAsync(Users.Administrator);
        await ErrorAsync(await GetAsync(admin, $"{Tasks}/{id}"), HttpStatusCode.NotFound, "not_found");
        foreach (var query in new[] { $"?q={token}", $"?q={token}&private=true", $"?q={token}&mine=false", $"?private=true&pageSize=200" })
        {
            var list = await JsonAsync(await GetAsync(admin, Tasks + query));
            Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        }
        Assert.Equal(0, (await JsonAsync(await GetAsync(admin, $"{Tasks}?q={token}"))).GetProperty("total").GetInt32());

        var own = await JsonAsync(await GetAsync(owner, $"{Tasks}?q={token}&private=true"));
        Assert.Equal(id, Assert.Single(own.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(0, (await JsonAsync(await GetAsync(owner, $"{Tasks}?q={token}&private=false"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Tsk04_a_sector_task_is_404_for_an_outsider_and_visible_with_view_all()
    {
        var contabil = await SectorAsync();
        var member = await CallerAsync(contabil);
        var token = Token();
        var id = (await CreateTaskAsync(member, contabil, $"Balancete {token}")).GetProperty("id").GetInt64();

        var outsider = await CallerAsync(await SectorAsync());
        await ErrorAsync(await GetAsync(outsider, $"{Tasks}/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (await JsonAsync(await GetAsync(outsider, $"{Tasks}?q={token}"))).GetProperty("total").GetInt32());

        var viewAll = await CallerAsync(await SectorAsync(), "tasks.view_all");
        Assert.Equal(id, (await JsonAsync(await GetAsync(viewAll, $"{Tasks}/{id}"))).GetProperty("id").GetInt64());
        Assert.Equal(1, (await JsonAsync(await GetAsync(viewAll, $"{Tasks}?q={token}"))).GetProperty("total").GetInt32());

        // Becoming a participant (follower) makes it visible without view_all.
        await PostAsync(member, $"{Tasks}/{id}/followers", new { userId = outsider.Id });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(outsider, $"{Tasks}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Idor_another_users_private_task_its_comments_and_attachment_are_404_through_every_endpoint()
    {
        var owner = await CallerAsync(await SectorAsync());
        var task = await CreatePrivateTaskAsync(owner, "Segredo");
        var id = task.GetProperty("id").GetInt64();
        await JsonAsync(await PostAsync(owner, $"{Tasks}/{id}/comments", new { body = "nota interna" }), HttpStatusCode.Created);
        var file = await JsonAsync(await PostAsync(owner, $"{Tasks}/{id}/attachments", Pdf("segredo.pdf")), HttpStatusCode.Created);
        var fileId = file.GetProperty("id").GetString();
        var version = ETagOf(await JsonAsync(await GetAsync(owner, $"{Tasks}/{id}")));

        var admin = await SignInAsync(Users.Administrator);
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"{Tasks}/{id}", null),
            (HttpMethod.Patch, $"{Tasks}/{id}", new { title = "Invadida" }),
            (HttpMethod.Delete, $"{Tasks}/{id}", null),
            (HttpMethod.Post, $"{Tasks}/{id}/status", new { status = "InProgress" }),
            (HttpMethod.Post, $"{Tasks}/{id}/transfer", new { sectorId = 1 }),
            (HttpMethod.Get, $"{Tasks}/{id}/followers", null),
            (HttpMethod.Post, $"{Tasks}/{id}/followers", new { userId = admin.Id }),
            (HttpMethod.Delete, $"{Tasks}/{id}/followers/{owner.Id}", null),
            (HttpMethod.Get, $"{Tasks}/{id}/history", null),
            (HttpMethod.Get, $"{Tasks}/{id}/comments", null),
            (HttpMethod.Post, $"{Tasks}/{id}/comments", new { body = "olá" }),
            (HttpMethod.Post, $"{Tasks}/{id}/comments/read", null),
            (HttpMethod.Get, $"{Tasks}/{id}/attachments/{fileId}", null),
            (HttpMethod.Delete, $"{Tasks}/{id}/attachments/{fileId}", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            var response = await SendAsync(admin, method, path, body, ifMatch: version);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} → {(int)response.StatusCode}");
            await ErrorAsync(response, HttpStatusCode.NotFound, "not_found");
        }
        await ErrorAsync(await SendAsync(admin, HttpMethod.Post, $"{Tasks}/{id}/attachments", Pdf("intruso.pdf")), HttpStatusCode.NotFound, "not_found");

        // The file id through a task the attacker can see is not a way in either.
        var sector = await SectorAsync();
        var own = (await CreateTaskAsync(admin, sector, "Minha")).GetProperty("id").GetInt64();
        await ErrorAsync(await GetAsync(admin, $"{Tasks}/{own}/attachments/{fileId}"), HttpStatusCode.NotFound, "not_found");
        await ErrorAsync(await SendAsync(admin, HttpMethod.Delete, $"{Tasks}/{own}/attachments/{fileId}"), HttpStatusCode.NotFound, "not_found");

        var stored = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal("Segredo", stored.Title);
        Assert.Equal(TaskItemStatus.Pending, stored.Status);
        Assert.Equal(version, $"\"{stored.Version}\"");
        Assert.Equal(1, await App.WithDbAsync(db => db.TaskComments.CountAsync(c => c.TaskId == id)));
        Assert.Equal(0, await App.WithDbAsync(db => db.TaskFollowers.CountAsync(f => f.TaskId == id)));
        Assert.Equal(1, await App.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id)));
        Assert.False(await App.WithDbAsync(db => db.TaskReadStates.AnyAsync(r => r.TaskId == id && r.UserId == admin.Id)));
    }

    /// <summary>A tiny valid PDF as the multipart body of an attachment upload.</summary>
    internal static MultipartFormDataContent Pdf(string name, int size = 64)
    {
        var bytes = new byte[size];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { content, "file", name } };
    }
}

[Collection(SqliteCollection.Name)] public sealed class TasksApiVisibilityTestsSqlite(SqlitePortal portal) : TasksApiVisibilityTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TasksApiVisibilityTestsMySql(MySqlPortal portal) : TasksApiVisibilityTests(portal);
