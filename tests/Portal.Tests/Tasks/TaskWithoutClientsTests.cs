using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>A private app whose client registry is <see cref="NoClientDirectory"/> (an installation without the module).</summary>
public sealed class NoClientsFixture : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(DatabaseKind.Sqlite, services: s => s.AddScoped<IClientDirectory, NoClientDirectory>());
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Without a client registry the task forms and filters have no client field and the search finds nothing.</summary>
public sealed class TaskWithoutClientsTests(NoClientsFixture fx) : IClassFixture<NoClientsFixture>
{
    [Fact]
    public async Task Forms_and_filters_hide_the_client_picker()
    {
        var author = await fx.Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var web = await fx.Users.LoginAsync(author);

        var (response, form) = await web.GetPageAsync(NewPage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(form.QuerySelector("[data-client-picker]"));
        Assert.Equal("hidden", form.QuerySelector("input[name=ClientId]")!.GetAttribute("type"));
        Assert.DoesNotContain("Cliente", form.QuerySelector("form")!.TextContent, StringComparison.Ordinal);

        var (_, history) = await web.GetPageAsync("/tarefas/historico");
        Assert.Null(history.QuerySelector("[data-client-picker]"));
        var (_, board) = await web.GetPageAsync("/tarefas/visao-geral");
        Assert.Null(board.QuerySelector("[data-client-picker]"));

        var search = await GetHtmxAsync(web, $"{TaskClientPicker.Url}?q=a");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Null(TestClient.Parse(await search.Content.ReadAsStringAsync()).QuerySelector("[role=option]"));
    }
}
