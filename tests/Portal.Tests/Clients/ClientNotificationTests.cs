using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients;
using Portal.Features.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>
/// clients.md §9: <c>client.department_responsible_assigned</c> reaches the new responsible, <c>client.deactivated</c> the
/// responsibles of the client's departments — through the seeded rules, only to people who may open the record.
/// </summary>
public abstract class ClientNotificationTests(SharedPortal portal) : IntegrationTest(portal)
{
    private SharedPortal Portal { get; } = portal;

    private static Task<List<Notification>> OfClientAsync(PortalApp app, long userId, long clientId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == userId && n.SourceType == ClientNotifications.SourceType && n.SourceId == clientId).OrderBy(n => n.Id).ToListAsync());

    private static async Task<HttpResponseMessage> SaveProfileAsync(TestClient client, long clientId, string type, params (string, string)[] fields)
    {
        var token = await client.TokenFromAsync($"/clientes/{clientId}/departamentos");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{clientId}/departamentos?handler=Save&tipo={type}")
        {
            Content = new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
        };
        request.Headers.Add("HX-Request", "true");
        return await client.Http.SendAsync(request);
    }

    private static async Task<int> VersionAsync(PortalApp app, long clientId, string type) =>
        await app.WithDbAsync(db => db.DepartmentProfiles().Where(p => p.ClientId == clientId && p.DepartmentType.Code == type).Select(p => p.Version).SingleAsync());

    private static async Task<HttpResponseMessage> SetActiveAsync(TestClient client, long clientId, bool active, string? reason = null)
    {
        var token = await client.TokenFromAsync($"/clientes/{clientId}");
        var fields = new List<KeyValuePair<string, string>> { new("active", active ? "true" : "false"), new("__RequestVerificationToken", token) };
        if (reason is not null) fields.Add(new("reason", reason));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clientes/{clientId}?handler=Active") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Assigning_a_department_responsible_notifies_that_person_only_and_only_when_it_changes()
    {
        var created = await ClientTestData.CreateAsync(App);
        var editor = await Users.CreateAsync(roles: ["Gestor"]);
        var first = await ClientTestData.UserWithAsync(Portal, "clients.view");
        var second = await ClientTestData.UserWithAsync(Portal, "clients.view");
        var bystander = await ClientTestData.UserWithAsync(Portal, "clients.view");
        using var web = await Users.LoginAsync(editor);

        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "fiscal", ("version", "0"), ("ResponsibleUserId", first.Id.ToString()))).StatusCode);
        var got = Assert.Single(await OfClientAsync(App, first.Id, created.Id));
        Assert.Equal("client.department_responsible_assigned", got.EventType);
        Assert.Equal($"/clientes/{created.Id}#dep-fiscal", got.Link);
        Assert.Equal($"Você foi definido como responsável pelo departamento Fiscal do cliente {created.Code} – {created.Name}", got.Body);
        Assert.Empty(await OfClientAsync(App, editor.Id, created.Id));
        Assert.Empty(await OfClientAsync(App, bystander.Id, created.Id));

        // The record the link opens shows the responsible.
        using var firstWeb = await Users.LoginAsync(first);
        var (_, record) = await firstWeb.GetPageAsync(got.Link);
        Assert.Contains(first.FullName, record.QuerySelector("#dep-fiscal")!.TextContent, StringComparison.Ordinal);

        // Saving other fields with the same responsible notifies nobody again.
        var version = await VersionAsync(App, created.Id, "fiscal");
        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "fiscal", ("version", version.ToString()),
            ("ResponsibleUserId", first.Id.ToString()), ("Description", "Outra descrição"))).StatusCode);
        Assert.Single(await OfClientAsync(App, first.Id, created.Id));

        // A new responsible (through the API this time) is told; the previous one gets nothing more.
        using var api = await ApiClient.LoginAsync(App, editor);
        version = await VersionAsync(App, created.Id, "fiscal");
        var put = await api.SendAsync(HttpMethod.Put, $"/api/v1/clients/{created.Id}/departments/fiscal",
            JsonContent.Create(new { responsibleUserId = second.Id, description = "Outra descrição" }), ifMatch: $"\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("client.department_responsible_assigned", Assert.Single(await OfClientAsync(App, second.Id, created.Id)).EventType);
        Assert.Single(await OfClientAsync(App, first.Id, created.Id));

        // Clearing the responsible notifies nobody.
        version = await VersionAsync(App, created.Id, "fiscal");
        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "fiscal", ("version", version.ToString()), ("ResponsibleUserId", ""))).StatusCode);
        Assert.Single(await OfClientAsync(App, second.Id, created.Id));
        Assert.Empty(await OfClientAsync(App, bystander.Id, created.Id));
    }

    [Fact]
    public async Task A_responsible_who_cannot_open_the_record_or_a_restricted_department_is_not_notified()
    {
        var created = await ClientTestData.CreateAsync(App);
        var editor = await Users.CreateAsync(roles: ["Administrador"]);
        var noView = await ClientTestData.UserWithAsync(Portal, "tasks.access");
        var viewOnly = await ClientTestData.UserWithAsync(Portal, "clients.view");
        var finance = await ClientTestData.UserWithAsync(Portal, "clients.view", "clients.departments.restricted.view");
        using var web = await Users.LoginAsync(editor);

        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "contabil", ("version", "0"), ("ResponsibleUserId", noView.Id.ToString()))).StatusCode);
        Assert.Equal(noView.Id, await App.WithDbAsync(db => db.DepartmentProfiles().Where(p => p.ClientId == created.Id).Select(p => p.ResponsibleUserId).SingleAsync()));
        Assert.Empty(await OfClientAsync(App, noView.Id, created.Id));

        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "financeiro", ("version", "0"), ("ResponsibleUserId", viewOnly.Id.ToString()))).StatusCode);
        Assert.Empty(await OfClientAsync(App, viewOnly.Id, created.Id));
        var version = await VersionAsync(App, created.Id, "financeiro");
        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "financeiro", ("version", version.ToString()), ("ResponsibleUserId", finance.Id.ToString()))).StatusCode);
        Assert.Equal($"/clientes/{created.Id}#dep-financeiro", Assert.Single(await OfClientAsync(App, finance.Id, created.Id)).Link);
    }

    [Fact]
    public async Task Deactivating_notifies_the_department_responsibles_from_the_record_the_form_and_the_API()
    {
        var editor = await Users.CreateAsync(roles: ["Gestor"]);
        var fiscal = await ClientTestData.UserWithAsync(Portal, "clients.view");
        var pessoal = await ClientTestData.UserWithAsync(Portal, "clients.view");
        var bystander = await ClientTestData.UserWithAsync(Portal, "clients.view");
        using var web = await Users.LoginAsync(editor);

        async Task<Client> ClientWithResponsiblesAsync()
        {
            var c = await ClientTestData.CreateAsync(App);
            Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, c.Id, "fiscal", ("version", "0"), ("ResponsibleUserId", fiscal.Id.ToString()))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, c.Id, "pessoal", ("version", "0"), ("ResponsibleUserId", pessoal.Id.ToString()))).StatusCode);
            return c;
        }

        // The record's htmx button.
        var onRecord = await ClientWithResponsiblesAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(web, onRecord.Id, active: false, reason: "Encerrou as atividades")).StatusCode);
        foreach (var person in new[] { fiscal, pessoal })
        {
            var n = Assert.Single(await OfClientAsync(App, person.Id, onRecord.Id), x => x.EventType == "client.deactivated");
            Assert.Equal("Cliente desativado", n.Title);
            Assert.Equal($"/clientes/{onRecord.Id}", n.Link);
            Assert.Contains($"desativou o cliente {onRecord.Code} – {onRecord.Name}. Motivo: Encerrou as atividades", n.Body, StringComparison.Ordinal);
        }
        Assert.Empty(await OfClientAsync(App, bystander.Id, onRecord.Id));
        Assert.Empty(await OfClientAsync(App, editor.Id, onRecord.Id));

        // Reactivating, or deactivating what is already inactive, notifies nobody.
        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(web, onRecord.Id, active: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(web, onRecord.Id, active: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(web, onRecord.Id, active: false)).StatusCode);
        Assert.Equal(2, (await OfClientAsync(App, fiscal.Id, onRecord.Id)).Count(x => x.EventType == "client.deactivated"));

        // The edit form.
        var onForm = await ClientWithResponsiblesAsync();
        var input = ClientService.ToInput((await ClientTestData.LoadAsync(App, onForm.Id))!);
        input.IsActive = false;
        input.DeactivationReason = "Mudou de escritório";
        var version = await App.WithDbAsync(db => db.Clients().Where(c => c.Id == onForm.Id).Select(c => c.Version).SingleAsync());
        var edit = await web.PostFormAsync($"/clientes/{onForm.Id}/editar", null,
            ClientTestData.Form(input, version).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("Motivo: Mudou de escritório", Assert.Single(await OfClientAsync(App, pessoal.Id, onForm.Id), x => x.EventType == "client.deactivated").Body, StringComparison.Ordinal);

        // The API.
        var onApi = await ClientWithResponsiblesAsync();
        using var api = await ApiClient.LoginAsync(App, editor);
        var get = await api.GetAsync($"/api/v1/clients/{onApi.Id}");
        var patch = await api.PatchAsync($"/api/v1/clients/{onApi.Id}", new { isActive = false }, ifMatch: get.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Single(await OfClientAsync(App, fiscal.Id, onApi.Id), x => x.EventType == "client.deactivated");
        Assert.Empty(await OfClientAsync(App, bystander.Id, onApi.Id));
    }

    [Fact]
    public async Task Deleting_the_client_removes_its_notifications()
    {
        var created = await ClientTestData.CreateAsync(App);
        var editor = await Users.CreateAsync(roles: ["Administrador"]);
        var responsible = await ClientTestData.UserWithAsync(Portal, "clients.view");
        using var web = await Users.LoginAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "fiscal", ("version", "0"), ("ResponsibleUserId", responsible.Id.ToString()))).StatusCode);
        Assert.Single(await OfClientAsync(App, responsible.Id, created.Id));

        using var api = await ApiClient.LoginAsync(App, editor);
        var get = await api.GetAsync($"/api/v1/clients/{created.Id}");
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/clients/{created.Id}", get.Headers.ETag!.Tag)).StatusCode);
        Assert.Empty(await OfClientAsync(App, responsible.Id, created.Id));
    }

    [Fact]
    public async Task The_rules_are_data_a_firm_can_switch_off()
    {
        var rules = await App.WithDbAsync(db => db.NotificationRules.AsNoTracking().Include(r => r.Recipients)
            .Where(r => r.Module == "clients" && r.IsSystem).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["client.department_responsible_assigned", "client.deactivated"], rules.Select(r => r.Trigger));
        Assert.Equal(["responsible", "department_responsibles"], rules.Select(r => Assert.Single(r.Recipients).Dynamic));

        var editor = await Users.CreateAsync(roles: ["Gestor"]);
        var fiscal = await ClientTestData.UserWithAsync(Portal, "clients.view");
        using var web = await Users.LoginAsync(editor);
        var created = await ClientTestData.CreateAsync(App);
        Assert.Equal(HttpStatusCode.OK, (await SaveProfileAsync(web, created.Id, "fiscal", ("version", "0"), ("ResponsibleUserId", fiscal.Id.ToString()))).StatusCode);
        var deactivation = rules[1].Id;
        // Tests of one provider run one at a time, so switching the rule off here cannot hide another test's notification.
        await App.WithDbAsync(db => db.NotificationRules.Where(r => r.Id == deactivation).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsActive, false)));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(web, created.Id, active: false)).StatusCode);
            Assert.DoesNotContain(await OfClientAsync(App, fiscal.Id, created.Id), n => n.EventType == "client.deactivated");
        }
        finally
        {
            await App.WithDbAsync(db => db.NotificationRules.Where(r => r.Id == deactivation).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsActive, true)));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientNotificationTestsSqlite(SqlitePortal portal) : ClientNotificationTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientNotificationTestsMySql(MySqlPortal portal) : ClientNotificationTests(portal);
