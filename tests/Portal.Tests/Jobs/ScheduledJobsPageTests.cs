using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Email;
using Portal.Platform.Jobs;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Jobs;

/// <summary>Jobs section of the health page (operations.md §6.2/§10) on the shared portal, scheduler running.</summary>
public abstract class ScheduledJobsPageTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Jobs_page_needs_system_health()
    {
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/saude/tarefas")).StatusCode);
        var token = await client.TokenFromAsync("/perfil");
        var post = await client.Http.PostAsync($"/admin/saude/tarefas?handler=Run&key={EmailModule.RetentionJob}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task Jobs_page_lists_the_registered_jobs_and_Executar_agora_runs_one_audited()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (response, page) = await admin.GetPageAsync("/admin/saude/tarefas");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"tr[data-job='{EmailModule.OutboxJob}']"));
        Assert.Contains("a cada 30 s", page.QuerySelector($"tr[data-job='{EmailModule.OutboxJob}']")!.TextContent);
        Assert.NotNull(page.QuerySelector($"tr[data-job='{EmailModule.RetentionJob}']"));

        var run = await admin.PostFormAsync("/admin/saude/tarefas", $"/admin/saude/tarefas?handler=Run&key={EmailModule.RetentionJob}", []);
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "job_run_manual" && a.ResourceId == EmailModule.RetentionJob && a.OccurredAt >= started)));
        var recorded = await WaitForAsync(() => App.WithDbAsync(db => db.Set<JobRun>().AnyAsync(r =>
            r.JobKey == EmailModule.RetentionJob && r.Manual && r.Status == JobRunStatus.Succeeded && r.StartedAt >= started)));
        Assert.True(recorded, "a execução manual não foi registrada");
        var (_, after) = await admin.GetPageAsync("/admin/saude/tarefas");
        Assert.Contains("(manual)", after.QuerySelector($"tr[data-job='{EmailModule.RetentionJob}']")!.TextContent);

        var unknown = await admin.PostFormAsync("/admin/saude/tarefas", "/admin/saude/tarefas?handler=Run&key=nao-existe", []);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    internal static async Task<bool> WaitForAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        for (var i = 0; i < seconds * 4; i++)
        {
            if (await condition()) return true;
            await Task.Delay(250);
        }
        return false;
    }
}

[Collection(SqliteCollection.Name)] public sealed class ScheduledJobsPageTestsSqlite(SqlitePortal portal) : ScheduledJobsPageTests(portal);
[Collection(MySqlCollection.Name)] public sealed class ScheduledJobsPageTestsMySql(MySqlPortal portal) : ScheduledJobsPageTests(portal);
