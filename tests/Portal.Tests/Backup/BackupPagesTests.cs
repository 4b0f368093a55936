using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Ops.Backup;

namespace Portal.Tests.Backup;

/// <summary>/admin/backups (operations.md §11): permission, run now in the background, list, download (audited), verify.</summary>
public abstract class BackupPagesTests(BackupPortal portal)
{
    [Fact]
    public async Task Backups_page_progress_and_downloads_need_system_backup()
    {
        var user = await portal.Users.CreateAsync(roles: ["Gestor"]);
        using var client = await portal.Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/backups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/backups/progresso")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/backups/1/arquivo")).StatusCode);
        var token = await client.TokenFromAsync("/perfil");
        var post = await client.Http.PostAsync("/admin/backups?handler=Run", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var anonymous = portal.App.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/backups/1/arquivo")).StatusCode);
    }

    [Fact]
    public async Task Fazer_backup_agora_runs_in_the_background_then_the_run_is_listed_downloadable_and_verifiable()
    {
        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var before = await portal.App.WithDbAsync(db => db.Set<BackupRun>().Select(r => (long?)r.Id).MaxAsync()) ?? 0;
        var start = await admin.PostFormAsync("/admin/backups", "/admin/backups?handler=Run", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

        BackupRun? run = null;
        for (var i = 0; i < 240 && run is null; i++)
        {
            await Task.Delay(250);
            run = await portal.App.WithDbAsync(db => db.Set<BackupRun>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id > before && r.Status != BackupRunStatus.Running));
        }
        Assert.NotNull(run);
        Assert.Equal(BackupRunStatus.Succeeded, run.Status);
        Assert.Equal("manual", run.Trigger);
        var progress = await admin.GetAsync("/admin/backups/progresso");
        Assert.Contains("\"running\":false", await progress.Content.ReadAsStringAsync());

        var (page, doc) = await admin.GetPageAsync("/admin/backups");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var row = doc.QuerySelector($"tr[data-backup-run-id='{run.Id}']");
        Assert.NotNull(row);
        Assert.Contains("Concluído", row.TextContent);
        Assert.NotNull(row.QuerySelector($"a[href='/admin/backups/{run.Id}/arquivo']"));

        var download = await admin.GetAsync($"/admin/backups/{run.Id}/arquivo");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(run.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await download.Content.ReadAsByteArrayAsync())));
        Assert.True(await portal.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "backup_downloaded" && a.ResourceId == run.Id.ToString())));

        var verify = await admin.PostFormAsync("/admin/backups", $"/admin/backups?handler=Verify&id={run.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        var (_, after) = await admin.GetPageAsync("/admin/backups");
        Assert.Contains("íntegro", after.Body!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/backups/999999/arquivo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/admin/backups", "/admin/backups?handler=Verify&id=999999", [])).StatusCode);
    }
}

[Collection(BackupSqliteCollection.Name)] public sealed class BackupPagesTestsSqlite(BackupSqlitePortal portal) : BackupPagesTests(portal);
[Collection(BackupMySqlCollection.Name)] public sealed class BackupPagesTestsMySql(BackupMySqlPortal portal) : BackupPagesTests(portal);
