using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Ops.Import;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Import;

/// <summary>The wizard /admin/importacao over HTTP: analysis, tag mapping, dry run with progress and report; the run
/// refuses without confirmation; permission system.import required. Only dry runs here (shared portal).</summary>
public abstract class ImportWizardTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Page = "/admin/importacao";

    [Fact]
    public async Task Without_system_import_the_wizard_progress_and_reports_are_forbidden()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/importacao/andamento")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/importacao/progresso")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/importacao/relatorio/1")).StatusCode);
        using var anonymous = App.NewClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/admin/importacao/progresso")).StatusCode);
    }

    [Fact]
    public async Task Analyse_map_tags_and_dry_run_show_progress_and_the_report_without_writing()
    {
        await using var source = await LegacySourceDatabase.CreateAsync(App.Provider, oldSchema: true);
        var uploads = Directory.CreateTempSubdirectory("legacy-up-").FullName;
        await LegacyTestData.FillAsync(source, uploads, oldSchema: true);
        using var admin = await Users.LoginAsync(Users.Administrator);
        var mapBefore = await App.WithDbAsync(db => db.LegacyImportMap.CountAsync());
        var usersBefore = await App.WithDbAsync(db => db.Users.CountAsync());

        var bad = await admin.PostFormAsync(Page, Page + "?handler=Analyse", [new("Source", Path.Combine(uploads, "nada.db"))]);
        Assert.Contains("não encontrado", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var badKey = await admin.PostFormAsync(Page, Page + "?handler=Analyse", [new("Source", source.ConnectionString), new("LegacyKey", "xyz")]);
        Assert.Contains("Chave do portal original inválida", WebUtility.HtmlDecode(await badKey.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var analysed = await admin.PostFormAsync(Page, Page + "?handler=Analyse",
            [new("Source", source.ConnectionString), new("Uploads", uploads), new("LegacyKey", LegacyTestData.LegacyKey)]);
        Assert.Equal(HttpStatusCode.OK, analysed.StatusCode);
        var html = await analysed.Content.ReadAsStringAsync();
        var doc = TestClient.Parse(html);
        Assert.NotNull(doc.QuerySelector("select[name='Tags[Gestão]']"));
        Assert.Equal("Role", doc.QuerySelector("select[name='Tags[Gestão]'] option[selected]")?.GetAttribute("value"));
        Assert.Equal("Ignore", doc.QuerySelector("select[name='Tags[__personal__2]'] option[selected]")?.GetAttribute("value"));
        var proposal = doc.QuerySelector("input[name='GrantTags'][value='Gestão']");
        Assert.NotNull(proposal);
        Assert.True(proposal.HasAttribute("checked"));
        Assert.Contains("agenda.manage", doc.QuerySelector($"label[for='{proposal.Id}']")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("preferences", html, StringComparison.Ordinal); // missing optional column reported
        Assert.Contains("dashboards_backup", html, StringComparison.Ordinal);
        Assert.DoesNotContain(LegacyTestData.LegacyKey, html, StringComparison.Ordinal);

        var refused = await admin.PostFormAsync(Page, Page + "?handler=Run", [new("Tags[Reunião]", "Ignore")]);
        Assert.Contains(Portal.Features.Import.Pages.IndexModel.ConfirmRequired, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.NotNull(doc.QuerySelector("select[name='People[societario.access]'] option[value='joao.fiscal']"));
        var started = await admin.PostFormAsync(Page, Page + "?handler=Simulate",
            [new("Tags[Reunião]", "Ignore"), new("People[agenda.manage]", "maria.admin"), new("People[agenda.manage]", "joao.fiscal")]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal("/admin/importacao/andamento", started.Headers.Location?.OriginalString);
        for (var i = 0; i < 240; i++)
        {
            using var progress = JsonDocument.Parse(await admin.Http.GetStringAsync("/admin/importacao/progresso"));
            if (!progress.RootElement.GetProperty("running").GetBoolean()) break;
            await Task.Delay(500);
        }
        var (_, result) = await admin.GetPageAsync("/admin/importacao/andamento");
        var report = result.QuerySelector("[data-import-report]")?.TextContent ?? "";
        Assert.Contains("simulação", report, StringComparison.Ordinal);
        Assert.Contains("tasks → tarefas", report, StringComparison.Ordinal);
        Assert.Contains("regras ligadas a pessoas", report, StringComparison.Ordinal);
        Assert.DoesNotContain("ERRO", report, StringComparison.Ordinal);
        Assert.DoesNotContain("permissões propostas", report, StringComparison.Ordinal); // unticked: nothing proposed is granted
        Assert.Equal(mapBefore, await App.WithDbAsync(db => db.LegacyImportMap.CountAsync()));
        Assert.Equal(usersBefore, await App.WithDbAsync(db => db.Users.CountAsync()));
        Assert.False(await App.WithDbAsync(db => db.Roles.AnyAsync(r => r.Name == "Permissões individuais – joao.fiscal")));
        Directory.Delete(uploads, true);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportWizardTestsSqlite(SqlitePortal portal) : ImportWizardTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ImportWizardTestsMySql(MySqlPortal portal) : ImportWizardTests(portal);
