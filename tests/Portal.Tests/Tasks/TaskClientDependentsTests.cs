using System.Net;
using Portal.Features.Clients;
using Portal.Features.Tasks;
using Portal.Tests.Clients;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>clients.md §5 with the real tasks module: a client any task points at (done ones too) cannot be hard-deleted.</summary>
public abstract class TaskClientDependentsTests(SharedPortal portal) : IntegrationTest(portal)
{
    private async Task<HttpResponseMessage> DeleteOnPageAsync(TestClient web, long clientId) =>
        await web.PostFormAsync($"/clientes/{clientId}", $"/clientes/{clientId}?handler=Delete", []);

    [Fact]
    public async Task A_client_linked_to_a_done_task_is_not_deleted_by_the_page_nor_the_API()
    {
        var client = await ClientTestData.CreateAsync(App);
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        var title = TaskPagesKit.Unique("Concluída com cliente");
        var task = (await TaskTestData.InsertAsync(App,
            [TaskTestData.NewTask(title, author.Id, null, TaskItemStatus.Done, isPrivate: true, clientId: client.Id)]))[0];
        using var web = await Users.LoginAsync(Users.Administrator);

        var refused = await DeleteOnPageAsync(web, client.Id);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal($"/clientes/{client.Id}", refused.Headers.Location!.OriginalString);
        var (_, doc) = await web.GetPageAsync($"/clientes/{client.Id}");
        Assert.Contains(ClientService.HasDependentsMessage, doc.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(await ClientTestData.LoadAsync(App, client.Id));

        using var api = await ApiClient.LoginAsync(App, Users.Administrator);
        var error = await ApiClient.AssertErrorAsync(await api.DeleteAsync($"/api/v1/clients/{client.Id}", "\"1\""), HttpStatusCode.Conflict, "has_dependents");
        Assert.Equal(ClientService.HasDependentsMessage, error.Message);
        Assert.NotNull(await ClientTestData.LoadAsync(App, client.Id));
        Assert.Equal(client.Id, (await TaskTestData.LoadAsync(App, task.Id)).ClientId);
        Assert.DoesNotContain(await ClientTestData.AuditAsync(App, client.Id), a => a.Action == "delete");
    }

    [Fact]
    public async Task A_client_no_task_points_at_is_deleted()
    {
        var client = await ClientTestData.CreateAsync(App);
        var elsewhere = await ClientTestData.CreateAsync(App);
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        await TaskTestData.InsertAsync(App, [TaskTestData.NewTask(TaskPagesKit.Unique("Outro cliente"), author.Id, null, isPrivate: true, clientId: elsewhere.Id)]);
        using var web = await Users.LoginAsync(Users.Administrator);

        var deleted = await DeleteOnPageAsync(web, client.Id);
        Assert.Equal("/clientes", deleted.Headers.Location!.OriginalString);
        Assert.Null(await ClientTestData.LoadAsync(App, client.Id));

        var viaApi = await ClientTestData.CreateAsync(App);
        using var api = await ApiClient.LoginAsync(App, Users.Administrator);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/clients/{viaApi.Id}", "\"1\"")).StatusCode);
        Assert.Null(await ClientTestData.LoadAsync(App, viaApi.Id));
    }
}

[Collection(SqliteCollection.Name)] public sealed class TaskClientDependentsTestsSqlite(SqlitePortal portal) : TaskClientDependentsTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TaskClientDependentsTestsMySql(MySqlPortal portal) : TaskClientDependentsTests(portal);
