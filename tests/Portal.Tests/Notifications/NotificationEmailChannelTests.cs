using Microsoft.EntityFrameworkCore;
using Portal.Features.Notifications;
using Portal.Platform.Email;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>NTF-08 (rule part): a rule with the E-mail channel queues one outbox message per new notification.</summary>
public abstract class NotificationEmailChannelTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task NTF08_an_email_rule_gives_the_in_app_notification_and_one_pending_outbox_message()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.email." + Guid.NewGuid().ToString("N")[..10];
        var ruleId = await RuleAsync(App, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        await SetChannelsAsync(ruleId, NotificationChannels.InApp | NotificationChannels.Email);
        var e = Event(trigger, null);

        Assert.Equal(1, await PublishAsync(App, e));
        Assert.Equal(0, await PublishAsync(App, e)); // the same occurrence again (retry): no second notification, no second e-mail

        var notification = Assert.Single(await OfAsync(App, user.Id));
        var mails = await App.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .Where(m => m.CorrelationType == "notification" && m.CorrelationId == notification.Id.ToString()).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal(user.Email, mail.ToAddress);
        Assert.Equal("Teste", mail.Subject);
        Assert.Contains("Mensagem de teste.", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("/inicio", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("Mensagem de teste.", mail.BodyHtml, StringComparison.Ordinal); // HTML alternative of the same message
        Assert.Contains("/inicio\"", mail.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Pending, mail.Status);
    }

    [Fact]
    public async Task An_in_app_only_rule_queues_no_email()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.email." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(App, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });

        Assert.Equal(1, await PublishAsync(App, Event(trigger, null)));

        var notification = Assert.Single(await OfAsync(App, user.Id));
        Assert.False(await App.WithDbAsync(db => db.OutboxEmails.AnyAsync(m => m.CorrelationType == "notification" && m.CorrelationId == notification.Id.ToString())));
    }

    private Task SetChannelsAsync(long ruleId, NotificationChannels channels) => App.WithDbAsync(async db =>
    {
        (await db.NotificationRules.SingleAsync(r => r.Id == ruleId)).Channels = channels;
        await db.SaveChangesAsync();
    });
}

[Collection(SqliteCollection.Name)] public sealed class NotificationEmailChannelTestsSqlite(SqlitePortal portal) : NotificationEmailChannelTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationEmailChannelTestsMySql(MySqlPortal portal) : NotificationEmailChannelTests(portal);
