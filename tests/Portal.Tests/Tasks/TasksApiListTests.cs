using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>GET /api/v1/tasks: paging envelope (API-14), filters, order, and the OpenAPI description of the group.</summary>
public abstract class TasksApiListTests(SharedPortal portal) : TasksApiTest(portal)
{
    [Fact]
    public async Task Paging_envelope_is_exact_and_page_size_is_clamped()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var token = Token();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await CreateTaskAsync(member, sector, $"Lote {token} {i}")).GetProperty("id").GetInt64());

        var first = await JsonAsync(await GetAsync(member, $"{Tasks}?q={token}&pageSize=2"));
        Assert.Equal(["items", "page", "pageSize", "total"], first.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var second = await JsonAsync(await GetAsync(member, $"{Tasks}?q={token}&pageSize=2&page=2"));
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(ids, first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(t => t.GetProperty("id").GetInt64()).Order());

        var clamped = await JsonAsync(await GetAsync(member, $"{Tasks}?q={token}&pageSize=1000&page=0"));
        Assert.Equal(200, clamped.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, clamped.GetProperty("page").GetInt32());
        Assert.Equal(3, clamped.GetProperty("total").GetInt32());

        var summary = clamped.GetProperty("items")[0];
        foreach (var field in new[] { "id", "title", "status", "priority", "dueDate", "isPrivate", "sector", "parentId", "client", "creator",
                     "assignee", "completedAt", "createdAt", "hasChildren", "commentCount", "attachmentCount", "version" })
            Assert.True(summary.TryGetProperty(field, out _), field);
        Assert.Equal("Pending", summary.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Text_filter_ignores_accents_and_case()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var token = Token();
        var id = (await CreateTaskAsync(member, sector, $"Ação fiscal {token}")).GetProperty("id").GetInt64();
        await CreateTaskAsync(member, sector, $"Outra coisa {token}", new { description = "<p>Sem vínculo com ICMS</p>" });

        foreach (var q in new[] { $"acao fiscal {token}", $"AÇÃO FISCAL {token}", "ação", "AcAo", "  acao   FISCAL " })
        {
            var list = await JsonAsync(await GetAsync(member, $"{Tasks}?q={Uri.EscapeDataString(q)}&sectorId={sector.Id}"));
            Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        }
        var byDescription = await JsonAsync(await GetAsync(member, $"{Tasks}?q=VINCULO%20com%20icms&sectorId={sector.Id}"));
        Assert.Equal(1, byDescription.GetProperty("total").GetInt32());
        Assert.Equal(1, (await JsonAsync(await GetAsync(member, $"{Tasks}?q=acao&sectorId={sector.Id}"))).GetProperty("total").GetInt32());
        // LIKE wildcards are text, not patterns.
        foreach (var wildcard in new[] { "%", "_", "a%o", "[a]" })
            Assert.Equal(0, (await JsonAsync(await GetAsync(member, $"{Tasks}?q={Uri.EscapeDataString(wildcard)}&sectorId={sector.Id}"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_combine_and_the_order_is_priority_then_due_date()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var colleague = await CallerAsync(sector);
        var low = (await CreateTaskAsync(member, sector, "Baixa", new { priority = "Low", dueDate = "2026-03-01" })).GetProperty("id").GetInt64();
        var highLate = (await CreateTaskAsync(member, sector, "Alta tarde", new { priority = "High", dueDate = "2026-03-20" })).GetProperty("id").GetInt64();
        var highNoDate = (await CreateTaskAsync(member, sector, "Alta sem data", new { priority = "high" })).GetProperty("id").GetInt64();
        var highEarly = (await CreateTaskAsync(colleague, sector, "Alta cedo", new { priority = "High", dueDate = "2026-03-05", assigneeId = colleague.Id })).GetProperty("id").GetInt64();
        await MoveAsync(member, low, "InProgress");

        async Task<List<long>> IdsAsync(string query) =>
            (await JsonAsync(await GetAsync(member, $"{Tasks}?sectorId={sector.Id}&{query}"))).GetProperty("items").EnumerateArray()
                .Select(t => t.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([highEarly, highLate, highNoDate, low], await IdsAsync(""));
        Assert.Equal([low], await IdsAsync("status=InProgress"));
        Assert.Equal([highEarly, highLate, highNoDate], await IdsAsync("status=Pending,Done"));
        Assert.Equal([highEarly], await IdsAsync($"assigneeId={colleague.Id}"));
        Assert.Equal([low], await IdsAsync($"assigneeId={member.Id}"));
        Assert.Equal([highEarly, low], await IdsAsync("dueFrom=2026-03-01&dueTo=2026-03-05"));
        Assert.Equal([highLate], await IdsAsync("dueFrom=2026-03-06"));
        Assert.Equal([highLate, highNoDate, low], await IdsAsync("mine=true")); // low: member started it, so is its assignee
        Assert.Equal([highEarly, highLate, highNoDate, low], await IdsAsync("private=false"));
        Assert.Empty(await IdsAsync("private=true"));
        Assert.Empty(await IdsAsync($"clientId=1&q={Token()}"));

        var colleagueMine = (await JsonAsync(await GetAsync(colleague, $"{Tasks}?sectorId={sector.Id}&mine=true"))).GetProperty("items")
            .EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([highEarly], colleagueMine);
    }

    [Fact]
    public async Task OpenApi_documents_every_task_route_with_a_summary_and_enum_codes()
    {
        var member = await CallerAsync(await SectorAsync());
        using var doc = JsonDocument.Parse(await (await GetAsync(member, "/api/v1/openapi.json")).Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths");
        var routes = new[]
        {
            ("get", "/api/v1/tasks"), ("post", "/api/v1/tasks"), ("get", "/api/v1/tasks/{id}"), ("patch", "/api/v1/tasks/{id}"),
            ("delete", "/api/v1/tasks/{id}"), ("post", "/api/v1/tasks/{id}/status"), ("post", "/api/v1/tasks/{id}/transfer"),
            ("get", "/api/v1/tasks/{id}/followers"), ("post", "/api/v1/tasks/{id}/followers"), ("delete", "/api/v1/tasks/{id}/followers/{userId}"),
            ("get", "/api/v1/tasks/{id}/history"), ("get", "/api/v1/tasks/{id}/comments"), ("post", "/api/v1/tasks/{id}/comments"),
            ("post", "/api/v1/tasks/{id}/comments/read"), ("post", "/api/v1/tasks/{id}/attachments"),
            ("get", "/api/v1/tasks/{id}/attachments/{fileId}"), ("delete", "/api/v1/tasks/{id}/attachments/{fileId}"),
        };
        foreach (var (method, path) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path}");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} summary");
            Assert.Equal("Tarefas", operation.GetProperty("tags")[0].GetString());
        }
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal("#/components/schemas/TaskItemStatus",
            schemas.GetProperty("TaskResponse").GetProperty("properties").GetProperty("status").GetProperty("$ref").GetString());
        Assert.Equal(["Pending", "InProgress", "Done"], schemas.GetProperty("TaskItemStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Low", "Medium", "High"], schemas.GetProperty("TaskPriority").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // Only what the caller must send is required.
        Assert.Equal(["title"], schemas.GetProperty("CreateTaskRequest").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var list = paths.GetProperty("/api/v1/tasks").GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        Assert.All(list, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString()), p.GetProperty("name").GetString()));
    }
}

[Collection(SqliteCollection.Name)] public sealed class TasksApiListTestsSqlite(SqlitePortal portal) : TasksApiListTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TasksApiListTestsMySql(MySqlPortal portal) : TasksApiListTests(portal);
