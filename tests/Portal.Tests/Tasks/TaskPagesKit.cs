using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Events;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>Helpers for the task screen tests: tasks are created and changed through the real pages, as a browser would.</summary>
public static class TaskPagesKit
{
    public const string NewPage = "/tarefas/nova";

    /// <summary>Smallest content the PDF signature check accepts.</summary>
    public static byte[] Pdf(string marker = "") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker} {Guid.NewGuid():N}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>A Windows executable header (MZ) — rejected whatever the file is called.</summary>
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..10]}";

    public static Task<long> SectorIdAsync(PortalApp app, string name) =>
        app.WithDbAsync(db => db.Sectors.Where(s => s.Name == name).Select(s => s.Id).FirstAsync());

    /// <summary>A user whose only role grants exactly <paramref name="grants"/> (the seed's roles grant more).</summary>
    public static async Task<TestUser> UserWithGrantsAsync(PortalApp app, TestUsers users, string[] grants, string[] sectors)
    {
        var role = await AccessTestData.RoleAsync(app, grants);
        return await users.CreateAsync(roles: [role.Name], sectors: sectors);
    }

    public static Task<HttpResponseMessage> PostNewAsync(TestClient client, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(NewPage, fields);

    /// <summary>Creates a task through "Nova tarefa" and returns its id (titles are unique per test).</summary>
    public static async Task<long> CreateAsync(PortalApp app, TestClient client, string title, params (string Key, string Value)[] fields)
    {
        var response = await PostNewAsync(client, [("Title", title), .. fields]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"create answered {(int)response.StatusCode}: {await HtmlAsync(response)}");
        return await app.WithDbAsync(db => db.Tasks.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
    }

    /// <summary>POSTs one of the detail page's handlers with the session's antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostActionAsync(TestClient client, long taskId, string handler, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(NewPage, $"/tarefas/{taskId}?handler={handler}", fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static async Task<HttpResponseMessage> PostHtmxAsync(TestClient client, string url, params (string Key, string Value)[] fields)
    {
        var token = await client.TokenFromAsync(NewPage);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetHtmxAsync(TestClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return await client.Http.SendAsync(request);
    }

    /// <summary>A multipart form (files) with the session's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(TestClient client, string url, IEnumerable<(string Key, string Value)> fields,
        IEnumerable<(string Field, string FileName, byte[] Content)> files)
    {
        var token = await client.TokenFromAsync(NewPage);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        foreach (var (field, name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, field, name);
        }
        return await client.Http.PostAsync(url, form);
    }

    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static string Text(IHtmlDocument doc, string selector) => doc.QuerySelector(selector)?.TextContent.Trim() ?? "";

    /// <summary>Events published for one task (the in-memory <see cref="RecentDomainEvents"/> of the app).</summary>
    public static List<T> Events<T>(PortalApp app, long taskId) where T : ITaskEvent =>
        app.Services.GetRequiredService<RecentDomainEvents>().Recent.OfType<T>().Where(e => e.Task.TaskId == taskId).ToList();

    public static Task<TaskItem> TaskAsync(PortalApp app, long id) => app.WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));

    public static Task<List<TaskHistory>> HistoryAsync(PortalApp app, long id) =>
        app.WithDbAsync(db => db.TaskHistory.AsNoTracking().Where(h => h.TaskId == id).OrderBy(h => h.Id).ToListAsync());

    /// <summary>Moves a task with the detail page's status buttons (expected = the status the user saw).</summary>
    public static Task<HttpResponseMessage> StatusAsync(TestClient client, long id, TaskItemStatus to, TaskItemStatus expected) =>
        PostActionAsync(client, id, "Status", ("to", to.ToString()), ("expected", expected.ToString()));
}
