using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Files;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Tasks.TaskPagesKit;

namespace Portal.Tests.Tasks;

/// <summary>
/// platform.md §5.2 on task attachments: every file counts against the user's 60 uploads per minute, on "Nova tarefa",
/// the detail page's "Anexar" and POST /api/v1/tasks/{id}/attachments. Beyond it nothing is saved. The allowance is
/// used up in-process on the app's own <see cref="UploadRateLimiter"/> (per user), so the shared app serves the test.
/// </summary>
public abstract class TaskUploadLimitTests(SharedPortal portal) : TasksApiTest(portal)
{
    /// <summary>Spends the user's minute allowance, leaving <paramref name="left"/> uploads.</summary>
    private void Spend(long userId, int left = 0)
    {
        var limiter = App.Services.GetRequiredService<UploadRateLimiter>();
        for (var i = 0; i < UploadRateLimiter.PerMinute - left; i++) Assert.True(limiter.TryAcquire(userId, out _), "allowance already used");
    }

    private Task<int> FilesOfAsync(long taskId) =>
        App.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == taskId));

    [Fact]
    public async Task Create_page_over_the_limit_shows_the_message_and_saves_nothing()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var web = await Users.LoginAsync(author);
        Spend(author.Id, left: 1); // two files: the second is over the limit, so neither the task nor the first file is kept

        var title = Unique("Com anexos demais");
        var response = await PostMultipartAsync(web, NewPage, [("Title", title), ("SectorId", fiscal.ToString())],
            [("Attachments", "a.pdf", Pdf("a")), ("Attachments", "b.pdf", Pdf("b"))]);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Muitos arquivos enviados. Tente novamente em ", Text(doc, "#Attachments-erro"));
        Assert.Contains("Muitos arquivos enviados.", Text(doc, ".alert-danger"));
        Assert.Equal(title, doc.QuerySelector("#Title")!.GetAttribute("value")); // what was typed is kept
        Assert.False(await App.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Title == title)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.UploadedById == author.Id)));

        // Without files the limit does not apply.
        var plain = Unique("Sem anexos");
        var id = await CreateAsync(App, web, plain, ("SectorId", fiscal.ToString()));
        Assert.Equal(0, await FilesOfAsync(id));
    }

    [Fact]
    public async Task Detail_page_upload_over_the_limit_is_refused_with_the_message()
    {
        var fiscal = await SectorIdAsync(App, "Fiscal");
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Fiscal"]);
        using var web = await Users.LoginAsync(author);
        var id = await CreateAsync(App, web, Unique("Anexar depois"), ("SectorId", fiscal.ToString()));
        Spend(author.Id);

        var plain = await PostMultipartAsync(web, $"/tarefas/{id}?handler=Upload", [], [("files", "c.pdf", Pdf("c"))]);
        Assert.Equal(HttpStatusCode.TooManyRequests, plain.StatusCode);
        Assert.True(plain.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Muitos arquivos enviados. Tente novamente em ", await HtmlAsync(plain), StringComparison.Ordinal);

        // htmx swaps the panel with the message (a 2xx, so htmx shows it).
        var token = await web.TokenFromAsync(NewPage);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(Pdf("d"));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "files", "d.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tarefas/{id}?handler=Upload") { Content = form };
        request.Headers.Add("HX-Request", "true");
        var htmx = await web.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, htmx.StatusCode);
        Assert.Contains("Muitos arquivos enviados.", await HtmlAsync(htmx), StringComparison.Ordinal);
        Assert.Equal(0, await FilesOfAsync(id));
        Assert.DoesNotContain(await HistoryAsync(App, id), h => h.Kind == TaskHistoryKind.AttachmentAdded);
    }

    [Fact]
    public async Task Api_upload_over_the_limit_is_429_rate_limited_with_Retry_After()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Anexo pela API")).GetProperty("id").GetInt64();
        Spend(member.Id, left: 1);

        var first = await PostAsync(member, $"{Tasks}/{id}/attachments", Multipart(Pdf("e"), "e.pdf"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var refused = await PostAsync(member, $"{Tasks}/{id}/attachments", Multipart(Pdf("f"), "f.pdf"));
        var error = await ErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.StartsWith("Muitos arquivos enviados. Tente novamente em ", error.Message);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(1, await FilesOfAsync(id));

        // Another user is not affected.
        var colleague = await CallerAsync(sector);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(colleague, $"{Tasks}/{id}/attachments", Multipart(Pdf("g"), "g.pdf"))).StatusCode);
    }

    private static MultipartFormDataContent Multipart(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { content, "file", name } };
    }
}

[Collection(SqliteCollection.Name)] public sealed class TaskUploadLimitTestsSqlite(SqlitePortal portal) : TaskUploadLimitTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TaskUploadLimitTestsMySql(MySqlPortal portal) : TaskUploadLimitTests(portal);
