using System.Net;
using Portal.Features.Tasks;
using Portal.Platform.Validation;
using Portal.Tests.Clients;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>
/// The client picker of the task forms and the history filter (docs/adr/008-task-client-picker.md): search by code,
/// CNPJ/CPF digits or accent-free name, active clients only, code and name only, for anyone with tasks.access.
/// </summary>
public abstract class TaskClientPickerTests(SharedPortal portal) : IntegrationTest(portal)
{
    private static async Task<(HttpStatusCode Status, string Html)> SearchAsync(TestClient client, string q)
    {
        var response = await GetHtmxAsync(client, $"{TaskClientPicker.Url}?q={Uri.EscapeDataString(q)}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<long> OptionIds(string html) =>
        TestClient.Parse(html).QuerySelectorAll("[role=option]").Select(o => long.Parse(o.GetAttribute("data-client-id")!)).ToList();

    [Fact]
    public async Task Search_matches_code_document_digits_and_accent_free_name_and_needs_only_tasks_access()
    {
        var token = ClientTestData.Token();
        var client = await ClientTestData.CreateAsync(App, ClientTestData.Input(code: "P" + token, name: $"Padaria São João {token}"));
        var inactive = await ClientTestData.CreateAsync(App, ClientTestData.Input(name: $"Padaria São João {token} Antiga"), i => i.IsActive = false);
        // tasks.access only: no clients.view, yet the picker answers (code and name, nothing else).
        var member = await UserWithGrantsAsync(App, Users, ["tasks.access"], ["Fiscal"]);
        using var web = await Users.LoginAsync(member);

        var (status, html) = await SearchAsync(web, $"sao joao {token.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([client.Id], OptionIds(html)); // the inactive one cannot be linked, so it is not offered
        var option = TestClient.Parse(html).QuerySelector("[role=option]")!;
        Assert.Equal($"P{token} – Padaria São João {token}", option.GetAttribute("data-client-label"));
        Assert.Equal("button", option.LocalName);
        Assert.DoesNotContain(client.Document, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Documents.Format(client.Document), html, StringComparison.Ordinal);

        Assert.Equal([client.Id], OptionIds((await SearchAsync(web, "p" + token.ToLowerInvariant())).Html));
        var d = client.Document;
        Assert.Contains(client.Id, OptionIds((await SearchAsync(web, $"{d[..2]}.{d[2..5]}.{d[5..8]}/{d[8..12]}")).Html));

        var none = (await SearchAsync(web, $"Antiga {token}")).Html;
        Assert.Empty(OptionIds(none));
        Assert.Contains(TaskClientPicker.NoneFound, none, StringComparison.Ordinal);
        Assert.DoesNotContain(inactive.Id.ToString() + "\"", none, StringComparison.Ordinal);
        Assert.Equal("", (await SearchAsync(web, "  ")).Html);

        // Without tasks.access (even with clients.view): 403.
        var outsider = await UserWithGrantsAsync(App, Users, ["clients.view"], []);
        using var other = await Users.LoginAsync(outsider);
        Assert.Equal(HttpStatusCode.Forbidden, (await SearchAsync(other, token)).Status);
    }

    [Fact]
    public async Task Create_with_a_picked_client_shows_code_and_name_on_detail_edit_and_board()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var token = ClientTestData.Token();
        var client = await ClientTestData.CreateAsync(App, ClientTestData.Input(code: "T" + token, name: $"Transportes Ágil {token}"));
        var label = $"T{token} – Transportes Ágil {token}";
        var author = await UserWithGrantsAsync(App, Users, ["tasks.access"], ["Fiscal"]);
        using var web = await Users.LoginAsync(author);

        // The form asks for a client through the picker, not for a database number.
        var (_, form) = await web.GetPageAsync($"{NewPage}?setor={fiscal}");
        Assert.Null(form.QuerySelector("input[type=number][name=ClientId]"));
        Assert.Equal("hidden", form.QuerySelector("input[name=ClientId]")!.GetAttribute("type"));
        var combo = form.QuerySelector("#ClientId-busca")!;
        Assert.Equal("combobox", combo.GetAttribute("role"));
        Assert.Equal("ClientId-opcoes", combo.GetAttribute("aria-controls"));
        Assert.Equal("Cliente", form.QuerySelector("label[for=ClientId-busca]")!.TextContent.Trim());
        Assert.NotNull(form.QuerySelector("script[src^='/js/client-picker.']"));

        // "Nova tarefa" opened from a client (?cliente=) starts with it chosen.
        var (_, prefilled) = await web.GetPageAsync($"{NewPage}?setor={fiscal}&cliente={client.Id}");
        Assert.Equal(client.Id.ToString(), prefilled.QuerySelector("#ClientId")!.GetAttribute("value"));
        Assert.Equal(label, Text(prefilled, "#ClientId-escolhido"));

        var title = Unique("Conferir frete");
        var id = await CreateAsync(App, web, title, ("SectorId", fiscal.ToString()), ("ClientId", client.Id.ToString()));
        Assert.Equal(client.Id, (await TaskAsync(App, id)).ClientId);

        var (_, detail) = await web.GetPageAsync($"/tarefas/{id}");
        Assert.Equal(label, Text(detail, "[data-task-client]"));

        var (_, edit) = await web.GetPageAsync($"/tarefas/{id}/editar");
        Assert.Equal(client.Id.ToString(), edit.QuerySelector("#ClientId")!.GetAttribute("value"));
        Assert.Equal(label, Text(edit, "#ClientId-escolhido"));
        Assert.Contains("d-none", edit.QuerySelector("[data-picker-search]")!.ClassName);
        Assert.DoesNotContain("d-none", edit.QuerySelector("[data-picker-chosen]")!.ClassName);

        var (_, board) = await web.GetPageAsync($"/tarefas/setor/{fiscal}?q={Uri.EscapeDataString(title)}");
        Assert.Contains(label, TaskTestData.Squash(TaskTestData.Card(board, id)!.TextContent), StringComparison.Ordinal);

        // The boards' client filter is the same picker, showing the chosen client.
        var (_, overview) = await web.GetPageAsync($"/tarefas/visao-geral?cliente={client.Id}&q={Uri.EscapeDataString(title)}");
        Assert.NotNull(TaskTestData.Card(overview, id));
        Assert.Equal(label, Text(overview, "#filtro-cliente-escolhido"));
        Assert.Equal("cliente", overview.QuerySelector("#filtro-cliente")!.GetAttribute("name"));
        Assert.NotNull(overview.QuerySelector("script[src^='/js/client-picker.']"));

        // "Remover" posts an empty id: the client is unlinked.
        var version = (await TaskAsync(App, id)).Version;
        var saved = await web.PostFormAsync($"/tarefas/{id}/editar", ("Title", title), ("Priority", "Medium"), ("SectorId", fiscal.ToString()),
            ("ClientId", ""), ("Version", version.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null((await TaskAsync(App, id)).ClientId);
        var (_, after) = await web.GetPageAsync($"/tarefas/{id}");
        Assert.Equal("—", Text(after, "[data-task-client]"));
    }

    [Fact]
    public async Task Editing_keeps_showing_an_inactive_client_and_an_unknown_id_is_refused_next_to_the_picker()
    {
        var token = ClientTestData.Token();
        var client = await ClientTestData.CreateAsync(App, ClientTestData.Input(code: "I" + token, name: $"Indústria {token}"));
        var author = await UserWithGrantsAsync(App, Users, ["tasks.access"], ["Fiscal"]);
        var title = Unique("Pessoal com cliente");
        var id = (await TaskTestData.InsertAsync(App, [TaskTestData.NewTask(title, author.Id, null, isPrivate: true, clientId: client.Id)]))[0].Id;
        await App.WithDbAsync(async db =>
        {
            var c = await db.Set<Portal.Features.Clients.Client>().FindAsync(client.Id);
            c!.IsActive = false;
            await db.SaveChangesAsync();
        });
        using var web = await Users.LoginAsync(author);

        var (_, edit) = await web.GetPageAsync($"/tarefas/{id}/editar");
        Assert.Equal($"I{token} – Indústria {token} (inativo)", Text(edit, "#ClientId-escolhido"));

        // Saving without touching the client keeps it; choosing an unknown id is refused with the field's message.
        var version = (await TaskAsync(App, id)).Version;
        var kept = await web.PostFormAsync($"/tarefas/{id}/editar", ("Title", title + " (revisada)"), ("Priority", "Medium"), ("IsPrivate", "true"),
            ("ClientId", client.Id.ToString()), ("Version", version.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(client.Id, (await TaskAsync(App, id)).ClientId);

        version = (await TaskAsync(App, id)).Version;
        var refused = await web.PostFormAsync($"/tarefas/{id}/editar", ("Title", title), ("Priority", "Medium"), ("IsPrivate", "true"),
            ("ClientId", "987654321"), ("Version", version.ToString()));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(TaskMessages.InvalidClient, Text(doc, "#ClientId-erro"));
        Assert.Equal("Cliente #987654321", Text(doc, "#ClientId-escolhido")); // shown so it can be removed
        Assert.Equal(client.Id, (await TaskAsync(App, id)).ClientId);
    }

    [Fact]
    public async Task History_filters_by_the_picked_client_and_shows_it_chosen()
    {
        var token = ClientTestData.Token();
        var client = await ClientTestData.CreateAsync(App, ClientTestData.Input(code: "H" + token, name: $"Hotel Bela Vista {token}"));
        var other = await ClientTestData.CreateAsync(App);
        var user = await UserWithGrantsAsync(App, Users, ["tasks.access"], ["Fiscal"]);
        var linked = Unique("Concluída do hotel");
        var unrelated = Unique("Concluída de outro");
        var tasks = await TaskTestData.InsertAsync(App,
        [
            TaskTestData.NewTask(linked, user.Id, null, TaskItemStatus.Done, isPrivate: true, clientId: client.Id),
            TaskTestData.NewTask(unrelated, user.Id, null, TaskItemStatus.Done, isPrivate: true, clientId: other.Id),
        ]);
        using var web = await Users.LoginAsync(user);

        var (_, all) = await web.GetPageAsync("/tarefas/historico?view=padrao");
        Assert.NotNull(all.QuerySelector("#filtro-cliente-busca[role=combobox]"));
        Assert.Null(all.QuerySelector("input[type=number][name=cliente]"));

        var (response, filtered) = await web.GetPageAsync($"/tarefas/historico?cliente={client.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TaskTestData.Text(filtered);
        Assert.Contains(linked, text, StringComparison.Ordinal);
        Assert.DoesNotContain(unrelated, text, StringComparison.Ordinal);
        Assert.Contains($"H{token} – Hotel Bela Vista {token}", text, StringComparison.Ordinal); // the row's client column
        Assert.Equal("cliente", filtered.QuerySelector("#filtro-cliente")!.GetAttribute("name"));
        Assert.Equal(client.Id.ToString(), filtered.QuerySelector("#filtro-cliente")!.GetAttribute("value"));
        Assert.Equal($"H{token} – Hotel Bela Vista {token}", Text(filtered, "#filtro-cliente-escolhido"));
        Assert.Single(tasks, t => t.ClientId == client.Id);
    }
}

[Collection(SqliteCollection.Name)] public sealed class TaskClientPickerTestsSqlite(SqlitePortal portal) : TaskClientPickerTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TaskClientPickerTestsMySql(MySqlPortal portal) : TaskClientPickerTests(portal);
