using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>Bad input on /api/v1/tasks: always a 400 naming the field with a pt-BR message (API-15), never a 500.</summary>
public abstract class TasksApiInputTests(SharedPortal portal) : TasksApiTest(portal)
{
    private const long Missing = 987_654_321;

    [Fact]
    public async Task Create_rejects_each_bad_field_by_name_and_saves_nothing()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var token = Token();

        async Task<Dictionary<string, string[]>> FieldsAsync(object body)
        {
            var error = await ErrorAsync(await PostAsync(member, Tasks, body), HttpStatusCode.BadRequest, "validation_failed");
            return error.Fields!;
        }

        Assert.Equal(["Máximo de 200 caracteres."], (await FieldsAsync(new { title = new string('a', 201) + token, sectorId = sector.Id }))["title"]);
        Assert.Equal(["Campo obrigatório."], (await FieldsAsync(new { sectorId = sector.Id }))["title"]);
        Assert.Equal(["Campo obrigatório."], (await FieldsAsync(new { title = token }))["sectorId"]);
        Assert.Equal(["Selecione um setor ativo com quadro de tarefas."], (await FieldsAsync(new { title = token, sectorId = Missing }))["sectorId"]);
        Assert.Equal(["O responsável deve ser membro do setor."], (await FieldsAsync(new { title = token, sectorId = sector.Id, assigneeId = Missing }))["assigneeId"]);
        Assert.Equal(["Usuário inválido ou inativo."], (await FieldsAsync(new { title = token, sectorId = sector.Id, followerIds = new[] { Missing } }))["followerIds"]);
        Assert.Equal(["Cliente inválido ou inativo."], (await FieldsAsync(new { title = token, sectorId = sector.Id, clientId = Missing }))["clientId"]);
        Assert.Equal(["Tarefa principal não encontrada."], (await FieldsAsync(new { title = token, sectorId = sector.Id, parentId = Missing }))["parentId"]);
        Assert.Equal(["Informe uma data entre 01/01/2000 e 31/12/2100."], (await FieldsAsync(new { title = token, sectorId = sector.Id, dueDate = "1999-12-31" }))["dueDate"]);

        // Wrong types and unknown codes: each named, all at once.
        var types = await FieldsAsync(new
        {
            title = 42, sectorId = "1", priority = "Urgent", dueDate = "15/03/2026", isPrivate = "sim", followerIds = new object[] { 1, "x" },
        });
        Assert.Equal(["dueDate", "followerIds", "isPrivate", "priority", "sectorId", "title"], types.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Valor inválido; use Low, Medium, High."], types["priority"]);
        Assert.Equal(["Data inválida; use o formato AAAA-MM-DD."], types["dueDate"]);
        Assert.Equal(["Valor inválido."], types["title"]);
        Assert.True((await FieldsAsync(new { title = token, sectorId = sector.Id, priority = 2 })).ContainsKey("priority"));
        Assert.True((await FieldsAsync(new { title = token, sectorId = sector.Id, assigneeId = 1.5 })).ContainsKey("assigneeId"));

        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title.Contains(token))));
    }

    [Fact]
    public async Task Malformed_or_non_object_json_is_400_with_fields_and_other_media_types_415()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Alvo")).GetProperty("id").GetInt64();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, Tasks), (HttpMethod.Patch, $"{Tasks}/{id}"), (HttpMethod.Post, $"{Tasks}/{id}/status"),
            (HttpMethod.Post, $"{Tasks}/{id}/transfer"), (HttpMethod.Post, $"{Tasks}/{id}/followers"), (HttpMethod.Post, $"{Tasks}/{id}/comments"),
        })
        {
            var malformed = await ErrorAsync(await SendAsync(member, method, path, "{\"title\": \"x\",", "\"1\""), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(malformed.Fields!.ContainsKey("$"), $"{method} {path}");
            var array = await ErrorAsync(await SendAsync(member, method, path, "[1, 2]", "\"1\""), HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["O corpo da requisição deve ser um objeto JSON."], array.Fields!["$"]);
            var text = new StringContent("title=x", System.Text.Encoding.UTF8, "text/plain");
            await ErrorAsync(await SendAsync(member, method, path, text, "\"1\""), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }
    }

    [Fact]
    public async Task Patch_validates_values_and_priority_cannot_be_cleared()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var task = await CreateTaskAsync(member, sector, "Para editar");
        var id = task.GetProperty("id").GetInt64();

        var error = await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}",
            new { title = (string?)null, priority = (string?)null, assigneeId = "x", dueDate = "amanhã" }, ETagOf(task)), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["assigneeId", "dueDate", "priority"], error.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Campo obrigatório."], error.Fields["priority"]);

        var service = await ErrorAsync(await SendAsync(member, HttpMethod.Patch, $"{Tasks}/{id}",
            new { title = (string?)null, assigneeId = Missing }, ETagOf(task)), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Campo obrigatório."], service.Fields!["title"]);
        Assert.Equal(["O responsável deve ser membro do setor."], service.Fields["assigneeId"]);
        Assert.Equal("Para editar", await App.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Title).SingleAsync()));
    }

    [Fact]
    public async Task List_rejects_bad_filters_by_name()
    {
        var member = await CallerAsync(await SectorAsync());
        var error = await ErrorAsync(await GetAsync(member, $"{Tasks}?status=Pending,Bogus&sectorId=abc&mine=talvez&dueFrom=2026-13-01&page=x"),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["dueFrom", "mine", "page", "sectorId", "status"], error.Fields!.Keys.Order(StringComparer.Ordinal));
        var range = await ErrorAsync(await GetAsync(member, $"{Tasks}?dueFrom=2026-03-10&dueTo=2026-03-01"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(range.Fields!.ContainsKey("dueTo"));
        await ErrorAsync(await GetAsync(member, $"{Tasks}/abc"), HttpStatusCode.NotFound, "not_found");
        await ErrorAsync(await GetAsync(member, $"{Tasks}/{long.MaxValue}"), HttpStatusCode.NotFound, "not_found");
    }
}

[Collection(SqliteCollection.Name)] public sealed class TasksApiInputTestsSqlite(SqlitePortal portal) : TasksApiInputTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TasksApiInputTestsMySql(MySqlPortal portal) : TasksApiInputTests(portal);
