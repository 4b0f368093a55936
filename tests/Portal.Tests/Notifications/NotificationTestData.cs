using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Platform.Contracts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

public static class NotificationTestData
{
    public static Task<List<Notification>> OfAsync(PortalApp app, long userId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId).OrderBy(n => n.Id).ToListAsync());

    public static Task<List<Notification>> OfAsync(PortalApp app, long userId, long taskId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == userId && n.SourceType == "task" && n.SourceId == taskId).OrderBy(n => n.Id).ToListAsync());

    /// <summary>Inserts notifications straight into the table (ages, read state and counts a test needs).</summary>
    public static async Task<List<Notification>> InsertAsync(PortalApp app, long userId, int count, DateTime? createdAt = null,
        DateTime? readAt = null, NotificationCategory category = NotificationCategory.Tarefas, string title = "Aviso de teste")
    {
        var rows = Enumerable.Range(0, count).Select(_ => new Notification
        {
            RecipientId = userId, EventType = "test.inserted", Category = category, Title = title, Body = "Corpo do aviso.",
            Link = "/tarefas/minhas", DedupKey = "test:" + Guid.NewGuid().ToString("N"), CreatedAt = createdAt ?? DateTime.UtcNow, ReadAt = readAt,
        }).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Notifications.AddRange(rows);
            await db.SaveChangesAsync();
        });
        return rows;
    }

    public static async Task<int> PublishAsync(PortalApp app, NotificationEvent e)
    {
        var created = 0;
        await app.WithScopeAsync(async sp => created = await sp.GetRequiredService<INotificationPublisher>().PublishAsync(e));
        return created;
    }

    public static NotificationEvent Event(string type, long? actorId, IReadOnlyCollection<long>? audience = null) => new(
        type, Guid.NewGuid().ToString("N"), NotificationCategory.Sistema, actorId, null, null,
        new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = new("Teste", "Mensagem de teste.", "/inicio") },
        new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string>(), audience);

    /// <summary>A rule of a test-unique trigger, so parallel tests never see it.</summary>
    public static async Task<long> RuleAsync(PortalApp app, string trigger, bool includeActor, params NotificationRuleRecipient[] recipients)
    {
        var rule = new NotificationRule { Name = "Regra de teste", Module = "tests", Trigger = trigger, IncludeActor = includeActor, Recipients = [.. recipients] };
        await app.WithDbAsync(async db =>
        {
            db.NotificationRules.Add(rule);
            await db.SaveChangesAsync();
        });
        return rule.Id;
    }
}
