using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>NTF-13: the nightly purge keeps unread notifications younger than 180 days; reading purges nothing.</summary>
public abstract class NotificationRetentionTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task NTF13_purge_deletes_old_read_and_very_old_notifications_only()
    {
        var user = await Users.CreateAsync();
        var now = DateTime.UtcNow;
        var readOld = (await InsertAsync(App, user.Id, 1, createdAt: now.AddDays(-61), readAt: now.AddDays(-60), title: "lida 61 dias"))[0];
        var readRecent = (await InsertAsync(App, user.Id, 1, createdAt: now.AddDays(-59), readAt: now.AddDays(-59), title: "lida 59 dias"))[0];
        var unreadOld = (await InsertAsync(App, user.Id, 1, createdAt: now.AddDays(-179), title: "não lida 179 dias"))[0];
        var ancient = (await InsertAsync(App, user.Id, 1, createdAt: now.AddDays(-181), title: "não lida 181 dias"))[0];

        // Listing (page, bell, API) never deletes anything.
        using (var client = await Users.LoginAsync(user))
        {
            await client.GetPageAsync("/notificacoes");
            await client.GetPageAsync("/notificacoes/recentes");
        }
        Assert.Equal(4, (await OfAsync(App, user.Id)).Count);

        var deleted = 0;
        await App.WithScopeAsync(async sp => deleted = await sp.GetRequiredService<NotificationRetention>().PurgeAsync(now));

        Assert.True(deleted >= 2);
        var left = (await OfAsync(App, user.Id)).Select(n => n.Id).ToList();
        Assert.Equal([readRecent.Id, unreadOld.Id], left);
        Assert.DoesNotContain(readOld.Id, left);
        Assert.DoesNotContain(ancient.Id, left);
    }

    [Fact]
    public Task The_purge_is_a_scheduled_job_daily_at_03_30() => App.WithScopeAsync(sp =>
    {
        var job = Assert.Single(sp.GetServices<Portal.Platform.Jobs.JobRegistration>(), j => j.Key == NotificationRetention.JobKey);
        Assert.Equal("0 30 3 * * ?", job.Schedule.Cron);
        return Task.CompletedTask;
    });
}

[Collection(SqliteCollection.Name)] public sealed class NotificationRetentionTestsSqlite(SqlitePortal portal) : NotificationRetentionTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationRetentionTestsMySql(MySqlPortal portal) : NotificationRetentionTests(portal);
