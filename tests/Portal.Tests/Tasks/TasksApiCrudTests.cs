using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Audit;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>/api/v1/tasks create, read, patch (TSK-22), delete, transfer, followers, conversation and history.</summary>
public abstract class TasksApiCrudTests(SharedPortal portal) : TasksApiTest(portal)
{
    [Fact]
    public async Task Create_get_patch_delete_round_trip_with_etags_history_and_api_audit()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var response = await PostAsync(member, Tasks, new
        {
            title = "Conferir notas de março", sectorId = sector.Id, description = "<p>Notas de entrada</p>",
            priority = "High", dueDate = "2026-05-10",
        });
        var created = await JsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/tasks/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(ETagOf(created), response.Headers.ETag!.ToString());
        Assert.Equal("Pending", created.GetProperty("status").GetString());
        Assert.Equal("High", created.GetProperty("priority").GetString());
        Assert.Equal("2026-05-10", created.GetProperty("dueDate").GetString());
        Assert.False(created.GetProperty("isPrivate").GetBoolean());
        Assert.Equal(sector.Id, created.GetProperty("sector").GetProperty("id").GetInt64());
        Assert.Equal(sector.Name, created.GetProperty("sector").GetProperty("name").GetString());
        Assert.Equal(member.Id, created.GetProperty("creator").GetProperty("id").GetInt64());
        Assert.Equal(member.User.FullName, created.GetProperty("creator").GetProperty("fullName").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("assignee").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("progress").ValueKind);
        Assert.Empty(created.GetProperty("followers").EnumerateArray());
        Assert.Empty(created.GetProperty("attachments").EnumerateArray());
        Assert.Contains("Notas de entrada", created.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", created.GetProperty("createdAt").GetString(), StringComparison.Ordinal);

        var get = await GetAsync(member, $"{Tasks}/{id}");
        var read = await JsonAsync(get);
        Assert.Equal(ETagOf(created), get.Headers.ETag!.ToString());
        Assert.Equal("Conferir notas de março", read.GetProperty("title").GetString());

        // API-13: no If-Match → 428; the task is untouched.
        await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}", new { title = "Sem versão" }), HttpStatusCode.PreconditionRequired, "precondition_required");

        // Absent fields stay, null clears a nullable field.
        var patched = await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}", new { title = "Conferir notas de abril", dueDate = (string?)null }, ETagOf(created));
        var updated = await JsonAsync(patched);
        Assert.Equal("Conferir notas de abril", updated.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("dueDate").ValueKind);
        Assert.Equal("High", updated.GetProperty("priority").GetString());
        Assert.Contains("Notas de entrada", updated.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(ETagOf(created), ETagOf(updated));
        Assert.Equal(ETagOf(updated), patched.Headers.ETag!.ToString());

        // Stale ETag → 412 with the current task.
        var stale = await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}", new { title = "Perdida" }, ETagOf(created)),
            HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("Conferir notas de abril", stale.Current!.Value.GetProperty("title").GetString());
        Assert.Equal(updated.GetProperty("version").GetInt32(), stale.Current.Value.GetProperty("version").GetInt32());

        // The version may also travel in the body (api.md §2).
        var viaBody = await JsonAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}",
            new { priority = "Low", version = updated.GetProperty("version").GetInt32() }));
        Assert.Equal("Low", viaBody.GetProperty("priority").GetString());

        var history = await JsonAsync(await GetAsync(member, $"{Tasks}/{id}/history"));
        var kinds = history.EnumerateArray().Select(h => (h.GetProperty("kind").GetString(), h.GetProperty("field").GetString())).ToList();
        Assert.Equal(("Created", null), kinds[0]);
        Assert.Contains(("FieldChanged", "Título"), kinds);
        Assert.Contains(("FieldChanged", "Prioridade"), kinds);
        Assert.All(history.EnumerateArray(), h => Assert.Equal(member.Id, h.GetProperty("by").GetProperty("id").GetInt64()));

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ResourceType == "task" && a.ResourceId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["create", "update", "update"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("api", a.Channel));
        Assert.All(audit, a => Assert.False(string.IsNullOrEmpty(a.TokenId)));
        Assert.Contains(AuditLog.ParseChanges(audit[1].ChangesJson), c => c.Field == "Título" && c.New == "Conferir notas de abril");

        // Delete: 428 without If-Match, 412 when stale, 204 with the current version, then 404.
        await ErrorAsync(await SendAsync(member, HttpMethod.Delete, $"{Tasks}/{id}"), HttpStatusCode.PreconditionRequired, "precondition_required");
        var staleDelete = await ErrorAsync(await SendAsync(member, HttpMethod.Delete, $"{Tasks}/{id}", ifMatch: ETagOf(updated)),
            HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("Low", staleDelete.Current!.Value.GetProperty("priority").GetString());
        var deleted = await SendAsync(member, HttpMethod.Delete, $"{Tasks}/{id}", ifMatch: ETagOf(viaBody));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ErrorAsync(await GetAsync(member, $"{Tasks}/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Id == id)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "task" && a.ResourceId == id.ToString()
            && a.Action == "delete" && a.Channel == "api")));
    }

    [Fact]
    public async Task Tsk22_patch_with_status_or_an_unknown_field_is_400_naming_it_and_nothing_changes()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var task = await CreateTaskAsync(member, sector, "Tarefa TSK-22");
        var id = task.GetProperty("id").GetInt64();

        var withStatus = await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}", new { status = "Done", title = "Outra" }, ETagOf(task)),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["status"], withStatus.Fields!.Keys);
        Assert.Contains("/status", withStatus.Fields["status"][0], StringComparison.Ordinal);

        var unknown = await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}", new { titulo = "x", sectorId = sector.Id }, ETagOf(task)),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["sectorId", "titulo"], unknown.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Campo desconhecido.", unknown.Fields["titulo"][0]);

        // TSK-22 second half: no If-Match → 428.
        await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}", new { title = "Outra" }), HttpStatusCode.PreconditionRequired, "precondition_required");

        var stored = await App.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal(TaskItemStatus.Pending, stored.Status);
        Assert.Equal("Tarefa TSK-22", stored.Title);
        Assert.Equal(task.GetProperty("version").GetInt32(), stored.Version);
    }

    [Fact]
    public async Task Without_tasks_access_every_task_route_is_403()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var task = await CreateTaskAsync(member, sector, "Fora de alcance");
        var id = task.GetProperty("id").GetInt64();
        var outsider = await CallerWithAsync([sector], ["clients.view"]);

        await ErrorAsync(await GetAsync(outsider, Tasks), HttpStatusCode.Forbidden, "forbidden");
        await ErrorAsync(await GetAsync(outsider, $"{Tasks}/{id}"), HttpStatusCode.Forbidden, "forbidden");
        await ErrorAsync(await PostAsync(outsider, Tasks, new { title = "x", sectorId = sector.Id }), HttpStatusCode.Forbidden, "forbidden");
        await ErrorAsync(await PostAsync(outsider, $"{Tasks}/{id}/status", new { status = "InProgress" }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(TaskItemStatus.Pending, await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task Tsk03_creating_in_a_sector_one_does_not_belong_to_is_403_without_create_other_sectors()
    {
        var mine = await SectorAsync();
        var other = await SectorAsync();
        var member = await CallerAsync(mine);
        var title = "Invasora " + Token();
        await ErrorAsync(await PostAsync(member, Tasks, new { title, sectorId = other.Id }), HttpStatusCode.Forbidden, "forbidden");
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title == title)));

        var allowed = await CallerAsync(mine, "tasks.create_other_sectors");
        var created = await CreateTaskAsync(allowed, other, title);
        Assert.Equal(other.Id, created.GetProperty("sector").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Followers_comments_read_state_and_history_through_the_api()
    {
        var sector = await SectorAsync();
        var creator = await CallerAsync(sector);
        var colleague = await CallerAsync(sector);
        var task = await CreateTaskAsync(creator, sector, "Conversa");
        var id = task.GetProperty("id").GetInt64();

        var followers = await JsonAsync(await PostAsync(creator, $"{Tasks}/{id}/followers", new { userId = colleague.Id }));
        var follower = Assert.Single(followers.EnumerateArray());
        Assert.Equal(colleague.Id, follower.GetProperty("userId").GetInt64());
        Assert.Equal(colleague.User.FullName, follower.GetProperty("fullName").GetString());
        Assert.Equal(colleague.User.Username, follower.GetProperty("username").GetString());
        Assert.Single((await JsonAsync(await GetAsync(creator, $"{Tasks}/{id}/followers"))).EnumerateArray());
        var detail = await JsonAsync(await GetAsync(creator, $"{Tasks}/{id}"));
        Assert.Equal(colleague.Id, Assert.Single(detail.GetProperty("followers").EnumerateArray()).GetProperty("userId").GetInt64());

        var comment = await JsonAsync(await PostAsync(colleague, $"{Tasks}/{id}/comments", new { body = "<p>Já conferi as notas.</p>" }), HttpStatusCode.Created);
        Assert.Equal(colleague.Id, comment.GetProperty("author").GetProperty("id").GetInt64());
        Assert.Contains("conferi as notas", comment.GetProperty("body").GetString(), StringComparison.Ordinal);
        var empty = await ErrorAsync(await PostAsync(colleague, $"{Tasks}/{id}/comments", new { body = "  " }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Escreva uma mensagem."], empty.Fields!["body"]);
        var thread = await JsonAsync(await GetAsync(creator, $"{Tasks}/{id}/comments"));
        Assert.Equal(comment.GetProperty("id").GetInt64(), Assert.Single(thread.EnumerateArray()).GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(creator, $"{Tasks}/{id}/comments/read")).StatusCode);
        Assert.True(await App.WithDbAsync(db => db.TaskReadStates.AnyAsync(r => r.TaskId == id && r.UserId == creator.Id)));

        // A user may always stop following; the list comes back without them.
        var after = await JsonAsync(await SendAsync(colleague, HttpMethod.Delete, $"{Tasks}/{id}/followers/{colleague.Id}"));
        Assert.Empty(after.EnumerateArray());
        var history = await JsonAsync(await GetAsync(creator, $"{Tasks}/{id}/history"));
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "FollowerAdded");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "FollowerRemoved"
            && h.GetProperty("by").GetProperty("id").GetInt64() == colleague.Id);
    }

    [Fact]
    public async Task Transfer_moves_the_task_and_keeps_only_an_assignee_of_the_target_sector()
    {
        var fiscal = await SectorAsync();
        var contabil = await SectorAsync();
        var creator = await CallerAsync([fiscal, contabil]);
        var fiscalOnly = await CallerAsync(fiscal);
        var task = await CreateTaskAsync(creator, fiscal, "Transferir", new { assigneeId = fiscalOnly.Id });
        var id = task.GetProperty("id").GetInt64();

        // TSK-02 shape through the API: the chosen assignee must belong to the target sector.
        var wrong = await ErrorAsync(await PostAsync(creator, $"{Tasks}/{id}/transfer", new { sectorId = contabil.Id, assigneeId = fiscalOnly.Id }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([TaskMessages.AssigneeNotMember], wrong.Fields!["assigneeId"]);

        var moved = await JsonAsync(await PostAsync(creator, $"{Tasks}/{id}/transfer", new { sectorId = contabil.Id }));
        Assert.Equal(contabil.Id, moved.GetProperty("sector").GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("assignee").ValueKind); // not a Contábil member: cleared (TSK-28)
        var history = await JsonAsync(await GetAsync(creator, $"{Tasks}/{id}/history"));
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "Transferred");

        // A sector member who is not creator/assignee/follower may not transfer (tasks.md §3).
        var member = await CallerAsync(contabil);
        await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/transfer", new { sectorId = fiscal.Id }), HttpStatusCode.Forbidden, "forbidden");
    }
}

[Collection(SqliteCollection.Name)] public sealed class TasksApiCrudTestsSqlite(SqlitePortal portal) : TasksApiCrudTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TasksApiCrudTestsMySql(MySqlPortal portal) : TasksApiCrudTests(portal);
