using System.Net;
using System.Security.Claims;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Platform.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>
/// Tasks for the board tests: through <see cref="TaskService"/> as a given user (rules, history, events), or straight
/// into the database when a test needs many of them or exact completion times.
/// </summary>
public static class TaskTestData
{

    /// <summary>Runs a service call as <paramref name="user"/>: the services read the actor from the HTTP context.</summary>
    public static async Task<T> AsUserAsync<T>(PortalApp app, TestUser user, Func<TaskService, Task<T>> action)
    {
        T result = default!;
        await app.WithScopeAsync(async sp =>
        {
            var accessor = sp.GetRequiredService<IHttpContextAccessor>();
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.FullName)], "Test");
            accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = sp };
            try
            {
                result = await action(sp.GetRequiredService<TaskService>());
            }
            finally
            {
                accessor.HttpContext = null;
            }
        });
        return result;
    }

    public static async Task<long> CreateAsync(PortalApp app, TestUser user, TaskInput input)
    {
        var result = await AsUserAsync(app, user, s => s.CreateAsync(input));
        Assert.True(result.Succeeded, $"{result.Outcome}: {result.Message}");
        return result.Task!.Id;
    }

    public static async Task ChangeStatusAsync(PortalApp app, TestUser user, long id, TaskItemStatus to)
    {
        var result = await AsUserAsync(app, user, s => s.ChangeStatusAsync(id, to));
        Assert.True(result.Succeeded, $"{result.Outcome}: {result.Message}");
    }

    /// <summary>Inserts tasks directly (no history); roots get their RootId, subtasks their parent's.</summary>
    public static async Task<List<TaskItem>> InsertAsync(PortalApp app, IEnumerable<TaskItem> tasks)
    {
        var items = tasks.ToList();
        foreach (var t in items)
        {
            if (t.SearchText.Length == 0) t.SearchText = TextNormalizer.Key(t.Title);
            if (t.Status == TaskItemStatus.Done) t.CompletedAt ??= DateTime.UtcNow;
        }
        await app.WithDbAsync(async db =>
        {
            db.Tasks.AddRange(items);
            await db.SaveChangesAsync();
            foreach (var t in items) t.RootId = t.ParentId is { } parent ? items.FirstOrDefault(p => p.Id == parent)?.RootId ?? parent : t.Id;
            await db.SaveChangesAsync();
        });
        return items;
    }

    public static TaskItem NewTask(string title, long creatorId, long? sectorId, TaskItemStatus status = TaskItemStatus.Pending,
        TaskPriority priority = TaskPriority.Medium, DateOnly? due = null, long? assigneeId = null, bool isPrivate = false,
        long? parentId = null, long? clientId = null, DateTime? completedAt = null) => new()
    {
        Title = title, CreatorId = creatorId, SectorId = isPrivate ? null : sectorId, Status = status, Priority = priority,
        DueDate = due, AssigneeId = isPrivate ? creatorId : assigneeId, IsPrivate = isPrivate, ParentId = parentId,
        Depth = parentId is null ? 0 : 1, ClientId = clientId, CompletedAt = completedAt,
        CompletedById = status == TaskItemStatus.Done ? creatorId : null,
    };

    public static Task<TaskItem> LoadAsync(PortalApp app, long id) =>
        app.WithDbAsync(db => db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id));

    // ---- Pages -------------------------------------------------------------

    public static async Task<IHtmlDocument> PageAsync(TestClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (response, doc) = await client.GetPageAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return doc;
    }

    /// <summary>A GET as htmx sends it (the "Carregar mais" button).</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> HxGetAsync(TestClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        var response = await client.Http.SendAsync(request);
        return (response, TestClient.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A POST as htmx sends it: antiforgery token of <paramref name="pageUrl"/> in the header.</summary>
    public static async Task<HttpResponseMessage> HxPostAsync(TestClient client, string pageUrl, string actionUrl, params (string Key, string Value)[] fields)
    {
        var token = await client.TokenFromAsync(pageUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, actionUrl)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }

    /// <summary>The toast the server asked htmx to show (HX-Trigger header).</summary>
    public static (string Message, string Kind) Toast(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("HX-Trigger").Single();
        using var json = JsonDocument.Parse(header);
        var toast = json.RootElement.GetProperty("toast");
        return (toast.GetProperty("message").GetString()!, toast.GetProperty("kind").GetString()!);
    }

    public static IElement Column(IParentNode doc, TaskItemStatus status) =>
        doc.QuerySelector($"section[data-column={status}]") ?? throw new InvalidOperationException($"no column {status}");

    public static string ColumnTitle(IParentNode doc, TaskItemStatus status) =>
        Squash(Column(doc, status).QuerySelector("h2")!.TextContent);

    public static List<long> CardIds(IParentNode node) =>
        node.QuerySelectorAll(".task-card").Select(c => long.Parse(c.GetAttribute("data-task-id")!)).ToList();

    public static IElement? Card(IParentNode doc, long id) => doc.QuerySelector($"#tarefa-{id}");

    public static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Text(IHtmlDocument doc) => Squash(doc.Body?.TextContent ?? "");
}
