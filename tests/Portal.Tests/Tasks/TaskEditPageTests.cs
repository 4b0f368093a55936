using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Platform.Web;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>"Editar tarefa" (tasks.md §6) with the version of platform.md §2: TSK-12, TSK-13 (PLT-01) and bad input.</summary>
public abstract class TaskEditPageTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static (string, string)[] Form(AngleSharp.Html.Dom.IHtmlDocument doc, params (string Key, string Value)[] overrides)
    {
        var fields = new List<(string, string)>
        {
            ("Version", doc.QuerySelector("input[name=Version]")!.GetAttribute("value")!),
            ("Title", doc.QuerySelector("#Title")!.GetAttribute("value") ?? ""),
            ("Description", doc.QuerySelector("#Description")!.TextContent),
            ("Priority", doc.QuerySelector("#Priority option[selected]")?.GetAttribute("value") ?? "Medium"),
            ("DueDate", doc.QuerySelector("#DueDate")!.GetAttribute("value") ?? ""),
            ("AssigneeId", doc.QuerySelector("#AssigneeId option[selected]")?.GetAttribute("value") ?? ""),
        };
        fields.AddRange(doc.QuerySelectorAll("#FollowerIds option[selected]").Select(o => ("FollowerIds", o.GetAttribute("value")!)));
        foreach (var (key, value) in overrides)
        {
            fields.RemoveAll(f => f.Item1 == key);
            fields.Add((key, value));
        }
        return fields.ToArray();
    }

    [Fact]
    public async Task Edit_saves_fields_with_history_and_returns_to_the_detail()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var id = await CreateAsync(App, client, Unique("Original"), ("SectorId", fiscal.ToString()));

        var (get, doc) = await client.GetPageAsync($"/tarefas/{id}/editar");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Null(doc.QuerySelector("#SectorId")); // sector changes are transfers
        Assert.Contains("Fiscal", doc.QuerySelector("#task-scope")!.TextContent);
        var title = Unique("Editada");
        var response = await client.PostFormAsync($"/tarefas/{id}/editar",
            Form(doc, ("Title", title), ("Priority", "High"), ("AssigneeId", member.Id.ToString()), ("DueDate", "2031-01-31")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tarefas/{id}", response.Headers.Location!.OriginalString);
        var task = await TaskAsync(App, id);
        Assert.Equal(title, task.Title);
        Assert.Equal(TaskPriority.High, task.Priority);
        Assert.Equal(member.Id, task.AssigneeId);
        Assert.Equal(new DateOnly(2031, 1, 31), task.DueDate);
        var history = await HistoryAsync(App, id);
        Assert.Contains(history, h => h.Field == "Título" && h.NewValue == title);
        Assert.Contains(history, h => h.Field == "Prioridade" && h.OldValue == "Média" && h.NewValue == "Alta");
        Assert.Contains(history, h => h.Field == "Data de entrega" && h.NewValue == "31/01/2031");
    }

    [Fact]
    public async Task TSK12_done_task_edited_by_its_assignee_without_manage_any_is_403_and_manage_any_may()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var assignee = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var manager = await Users.CreateAsync(roles: ["Gestor"], sectors: ["Contábil"]);
        using var client = await Users.LoginAsync(assignee);
        var title = Unique("Concluída");
        var id = await CreateAsync(App, client, title, ("SectorId", fiscal.ToString()), ("AssigneeId", assignee.Id.ToString()));
        var (_, form) = await client.GetPageAsync($"/tarefas/{id}/editar");
        await StatusAsync(client, id, TaskItemStatus.InProgress, TaskItemStatus.Pending);
        await StatusAsync(client, id, TaskItemStatus.Done, TaskItemStatus.InProgress);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/tarefas/{id}/editar")).StatusCode);
        var version = (await TaskAsync(App, id)).Version.ToString();
        var refused = await client.PostFormAsync($"/tarefas/{id}/editar", Form(form, ("Title", "Mudou"), ("Version", version)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(title, (await TaskAsync(App, id)).Title);
        var (_, detail) = await client.GetPageAsync($"/tarefas/{id}");
        Assert.Null(detail.QuerySelector($"a[href='/tarefas/{id}/editar']"));

        using var gestor = await Users.LoginAsync(manager);
        var (ok, managerForm) = await gestor.GetPageAsync($"/tarefas/{id}/editar");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await gestor.PostFormAsync($"/tarefas/{id}/editar", Form(managerForm, ("Title", title + " (revisada)")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(title + " (revisada)", (await TaskAsync(App, id)).Title);
    }

    [Fact]
    public async Task TSK13_second_save_from_the_same_version_shows_the_conflict_with_current_values_and_keeps_the_first_title()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var a = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var b = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var clientA = await Users.LoginAsync(a);
        using var clientB = await Users.LoginAsync(b);
        var id = await CreateAsync(App, clientA, Unique("Mesmo ponto"), ("SectorId", fiscal.ToString()));
        var (_, formA) = await clientA.GetPageAsync($"/tarefas/{id}/editar");
        var (_, formB) = await clientB.GetPageAsync($"/tarefas/{id}/editar");

        var first = Unique("Título de A");
        Assert.Equal(HttpStatusCode.Redirect, (await clientA.PostFormAsync($"/tarefas/{id}/editar", Form(formA, ("Title", first)))).StatusCode);
        var second = Unique("Título de B");
        var conflict = await clientB.PostFormAsync($"/tarefas/{id}/editar", Form(formB, ("Title", second), ("Priority", "Low")));
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var doc = TestClient.Parse(await conflict.Content.ReadAsStringAsync());
        Assert.Contains(EditConflict.Message, doc.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(first, doc.QuerySelector("#Title")!.GetAttribute("value")); // the current value
        Assert.Contains("is-invalid", doc.QuerySelector("#Title")!.ClassName);
        Assert.Contains(second, doc.QuerySelector("#Title")!.ParentElement!.TextContent); // what B had typed
        Assert.Contains("is-invalid", doc.QuerySelector("#Priority")!.ClassName);
        Assert.DoesNotContain("is-invalid", doc.QuerySelector("#DueDate")!.ClassName);
        var current = await TaskAsync(App, id);
        Assert.Equal(current.Version.ToString(), doc.QuerySelector("input[name=Version]")!.GetAttribute("value"));
        Assert.Equal(first, current.Title);
        Assert.Equal(TaskPriority.Medium, current.Priority);

        // Saving again from the refreshed form works.
        Assert.Equal(HttpStatusCode.Redirect, (await clientB.PostFormAsync($"/tarefas/{id}/editar", Form(doc, ("Title", second)))).StatusCode);
        Assert.Equal(second, (await TaskAsync(App, id)).Title);
    }

    [Fact]
    public async Task Bad_input_on_edit_gets_field_messages_and_nothing_changes()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var title = Unique("Intocada");
        var id = await CreateAsync(App, client, title, ("SectorId", fiscal.ToString()));
        var (_, form) = await client.GetPageAsync($"/tarefas/{id}/editar");
        var before = await TaskAsync(App, id);

        foreach (var (field, value, message) in new[]
        {
            ("Title", new string('y', 201), "Máximo de 200 caracteres."),
            ("AssigneeId", "999999999", TaskMessages.AssigneeNotMember),
            ("FollowerIds", "999999999", TaskMessages.InvalidUser),
            ("DueDate", "2101-01-01", TaskMessages.DueDateRange),
        })
        {
            var response = await client.PostFormAsync($"/tarefas/{id}/editar", Form(form, (field, value)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(message, doc.QuerySelector($"#{field}-erro")?.TextContent.Trim());
        }
        var after = await TaskAsync(App, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(title, after.Title);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tarefas/999999999/editar")).StatusCode);
    }

    [Fact]
    public async Task Creator_turns_a_private_task_public_by_choosing_a_sector()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var client = await Users.LoginAsync(author);
        var id = await CreateAsync(App, client, Unique("Pessoal que vira pública"), ("IsPrivate", "true"));
        var (_, form) = await client.GetPageAsync($"/tarefas/{id}/editar");
        Assert.NotNull(form.QuerySelector("#IsPrivate[checked]"));

        var scope = TestClient.Parse(await (await GetHtmxAsync(client, $"/tarefas/{id}/editar?handler=Scope")).Content.ReadAsStringAsync());
        Assert.NotNull(scope.QuerySelector("#SectorId"));
        var version = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var title = form.QuerySelector("#Title")!.GetAttribute("value")!;
        var response = await client.PostFormAsync($"/tarefas/{id}/editar", ("Version", version), ("Title", title), ("SectorId", fiscal.ToString()), ("Priority", "Medium"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var task = await TaskAsync(App, id);
        Assert.False(task.IsPrivate);
        Assert.Equal(fiscal, task.SectorId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TaskEditPageTestsSqlite(SqlitePortal portal) : TaskEditPageTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class TaskEditPageTestsMySql(MySqlPortal portal) : TaskEditPageTests(portal);
