using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Time;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;

namespace Portal.Tests.Admin;

/// <summary>/admin/auditoria (operations.md §7.2, OPS-16): filters, detail, CSV export, restricted entries, append-only.</summary>
public abstract class AuditViewerTests(SharedPortal portal) : IntegrationTest(portal)
{
    /// <summary>A fresh administrator creates a sector through the UI, so there is a "create" entry with a known actor.</summary>
    private async Task<(TestUser Actor, TestClient Client, NamedId Sector, long EntryId)> SectorCreatedByNewActorAsync()
    {
        var actor = await Users.CreateAsync(roles: ["Administrador"]);
        var client = await Users.LoginAsync(actor);
        var name = Unique("Auditado");
        var response = await client.PostFormAsync("/admin/setores/editar", ("Name", name), ("Description", "Descrição auditada"),
            ("IsActive", "true"), ("HasTaskBoard", "true"), ("Version", "0"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sectorId = await App.WithDbAsync(db => db.Sectors.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        var entryId = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "create" && a.ResourceId == sectorId.ToString()).Select(a => a.Id).SingleAsync());
        return (actor, client, new NamedId(sectorId, name), entryId);
    }

    private static string Today() => SaoPaulo.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Filtering_by_action_and_actor_finds_the_entry_and_the_detail_shows_the_diff()
    {
        var (actor, client, sector, entryId) = await SectorCreatedByNewActorAsync();
        using var _ = client;

        var (response, doc) = await client.GetPageAsync($"/admin/auditoria?action=create&actor={actor.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = doc.QuerySelector($"tr[data-audit-id='{entryId}']")!;
        Assert.Contains(sector.Name, row.TextContent);
        Assert.Contains(actor.FullName, row.TextContent);
        Assert.Contains("Criação", row.TextContent);
        Assert.Single(doc.QuerySelectorAll("tbody tr[data-audit-id]"));
        Assert.Contains("1–1 de 1", doc.Body!.TextContent);

        var (_, otherAction) = await client.GetPageAsync($"/admin/auditoria?action=delete&actor={actor.Id}");
        Assert.Null(otherAction.QuerySelector($"tr[data-audit-id='{entryId}']"));
        var (_, byResource) = await client.GetPageAsync($"/admin/auditoria?resource={Uri.EscapeDataString(sector.Name.ToUpperInvariant())}");
        Assert.NotNull(byResource.QuerySelector($"tr[data-audit-id='{entryId}']"));
        var (_, byId) = await client.GetPageAsync($"/admin/auditoria?type=Sector&resource={sector.Id}");
        Assert.NotNull(byId.QuerySelector($"tr[data-audit-id='{entryId}']"));
        var (_, byIp) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&ip={client.Ip}");
        Assert.NotNull(byIp.QuerySelector($"tr[data-audit-id='{entryId}']"));
        var (_, otherIp) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&ip=203.0.113.250");
        Assert.Null(otherIp.QuerySelector($"tr[data-audit-id='{entryId}']"));

        var link = row.QuerySelector("a[href^='/admin/auditoria/']")!.GetAttribute("href")!;
        var (detailResponse, detail) = await client.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, detailResponse.StatusCode);
        var diff = detail.QuerySelector("#audit-changes")!.TextContent;
        Assert.Contains("Nome", diff);
        Assert.Contains(sector.Name, diff);
        Assert.Contains("Descrição auditada", diff);
        Assert.Contains(client.Ip, detail.Body!.TextContent);
    }

    [Fact]
    public async Task Period_filter_uses_sao_paulo_days_in_both_date_formats()
    {
        var (actor, client, _, entryId) = await SectorCreatedByNewActorAsync();
        using var _ = client;
        var today = SaoPaulo.Today(TimeProvider.System);

        foreach (var query in new[] { $"from={Today()}&to={Today()}", $"from={today:dd/MM/yyyy}", $"to={today:dd/MM/yyyy}" })
        {
            var (_, doc) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&{query}");
            Assert.NotNull(doc.QuerySelector($"tr[data-audit-id='{entryId}']"));
        }
        foreach (var query in new[] { $"from={today.AddDays(1):yyyy-MM-dd}", $"to={today.AddDays(-1):dd/MM/yyyy}" })
        {
            var (_, doc) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&{query}");
            Assert.Null(doc.QuerySelector($"tr[data-audit-id='{entryId}']"));
        }
        var (invalid, invalidDoc) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&from=31/02/2025");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Data inválida. Use dd/mm/aaaa.", invalidDoc.Body!.TextContent);
    }

    [Fact]
    public async Task Fifty_per_page_newest_first_with_the_exact_total()
    {
        var actor = await Users.CreateAsync(roles: ["Colaborador"]);
        var start = DateTime.UtcNow.AddHours(-2);
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
                db.AuditEntries.Add(new AuditEntry { OccurredAt = start.AddMinutes(i), ActorUserId = actor.Id, ActorName = actor.FullName, Action = "update", Summary = $"Item {i:00}" });
            await db.SaveChangesAsync();
        });
        using var client = await Users.LoginAsync(Users.Administrator);

        var (_, first) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}");
        var rows = first.QuerySelectorAll("tbody tr[data-audit-id]");
        Assert.Equal(50, rows.Length);
        Assert.Contains("Item 54", rows[0].TextContent);
        Assert.Contains("1–50 de 55", first.Body!.TextContent);

        var (_, second) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&page=2");
        var rest = second.QuerySelectorAll("tbody tr[data-audit-id]");
        Assert.Equal(5, rest.Length);
        Assert.Contains("Item 00", rest[^1].TextContent);
    }

    [Fact]
    public async Task Csv_export_has_bom_semicolons_sao_paulo_time_the_row_and_is_audited()
    {
        var (actor, client, sector, entryId) = await SectorCreatedByNewActorAsync();
        using var _ = client;
        var occurredAt = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == entryId).Select(a => a.OccurredAt).SingleAsync());
        var (_, page) = await client.GetPageAsync($"/admin/auditoria?actor={actor.Id}&action=create");
        var csvLink = page.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!;

        var response = await client.GetAsync(csvLink);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.StartsWith("Data/hora;Usuário;", lines[0]);
        var line = Assert.Single(lines.Skip(1));
        Assert.Contains(sector.Name, line);
        Assert.Contains(";create;", line);
        Assert.StartsWith(SaoPaulo.FromUtc(occurredAt).ToString("dd/MM/yyyy HH:mm:ss"), line);

        var export = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "export" && a.ActorUserId == actor.Id));
        Assert.Contains("1 registro", export.Summary);
        Assert.Contains(actor.Id.ToString(), export.ChangesJson!);
    }

    [Fact]
    public async Task Restricted_entries_are_masked_for_viewers_without_diretoria_hr()
    {
        var secret = Unique("Acordo confidencial");
        var entryId = await App.WithDbAsync(async db =>
        {
            var e = new AuditEntry { OccurredAt = DateTime.UtcNow, ActorName = "RH", Action = "hr_records_viewed", ResourceType = "EmployeeAgreement",
                ResourceId = "77", ResourceLabel = secret, Summary = secret + " consultado", IsRestricted = true };
            db.AuditEntries.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        var auditRole = await RoleAsync(App, grants: ["audit.view"]);
        var viewer = await Users.CreateAsync(roles: [auditRole.Name]);
        using var client = await Users.LoginAsync(viewer);

        var (_, list) = await client.GetPageAsync("/admin/auditoria?action=hr_records_viewed");
        var row = list.QuerySelector($"tr[data-audit-id='{entryId}']")!;
        Assert.Contains("Registro restrito", row.TextContent);
        Assert.DoesNotContain(secret, list.Body!.TextContent);
        var (_, detail) = await client.GetPageAsync($"/admin/auditoria/{entryId}");
        Assert.Contains("Registro restrito", detail.Body!.TextContent);
        Assert.DoesNotContain(secret, detail.Body.TextContent);
        var csv = await (await client.GetAsync("/admin/auditoria?handler=Csv&action=hr_records_viewed")).Content.ReadAsStringAsync();
        Assert.Contains("Registro restrito", csv);
        Assert.DoesNotContain(secret, csv);
        var (_, search) = await client.GetPageAsync($"/admin/auditoria?resource={Uri.EscapeDataString(secret)}");
        Assert.Null(search.QuerySelector($"tr[data-audit-id='{entryId}']"));

        var director = await Users.CreateAsync(roles: ["Diretor"]);
        using var directorClient = await Users.LoginAsync(director);
        var (_, full) = await directorClient.GetPageAsync($"/admin/auditoria/{entryId}");
        Assert.Contains(secret, full.Body!.TextContent);
    }

    [Fact]
    public async Task Colaborador_gets_403_on_list_detail_and_export()
    {
        var (_, adminClient, _, entryId) = await SectorCreatedByNewActorAsync();
        adminClient.Dispose();
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/auditoria")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/auditoria/{entryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/auditoria?handler=Csv")).StatusCode);
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "export" && a.ActorUserId == user.Id)));
    }

    [Fact]
    public async Task No_route_edits_or_deletes_an_entry()
    {
        var (_, client, _, entryId) = await SectorCreatedByNewActorAsync();
        using var _ = client;
        var before = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entryId));

        var responses = new List<HttpResponseMessage>
        {
            await client.PostFormAsync($"/admin/auditoria/{entryId}", ("Summary", "adulterado")),
            await client.PostFormAsync($"/admin/auditoria/{entryId}", $"/admin/auditoria/{entryId}?handler=Delete", []),
            await client.PostFormAsync("/admin/auditoria", $"/admin/auditoria?handler=Delete&id={entryId}", []),
            await client.PostFormAsync("/admin/auditoria", ("id", entryId.ToString())),
            await client.Http.DeleteAsync($"/admin/auditoria/{entryId}"),
            await client.Http.PutAsync($"/admin/auditoria/{entryId}", new StringContent("{}")),
        };

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed }));
        var after = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entryId));
        Assert.Equal(before.Summary, after.Summary);
        Assert.Equal(before.ChangesJson, after.ChangesJson);
        Assert.Equal(before.OccurredAt, after.OccurredAt);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditViewerTestsSqlite(SqlitePortal portal) : AuditViewerTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class AuditViewerTestsMySql(MySqlPortal portal) : AuditViewerTests(portal);
