using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Notifications;
using Portal.Platform.Contracts;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>NTF-15 (P2): per-user channel preferences on /perfil/notificacoes.</summary>
public abstract class NotificationPreferenceTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Page = "/perfil/notificacoes";

    [Fact]
    public async Task NTF15_email_off_for_Tarefas_keeps_the_in_app_notification_and_queues_no_email()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var (_, doc) = await client.GetPageAsync(Page);
        Assert.Equal(Enum.GetValues<NotificationCategory>().Length, doc.QuerySelectorAll("tr[data-category]").Length);
        Assert.NotNull(doc.QuerySelector("tr[data-category='Tarefas'] input[name='Email'][checked]"));

        var fields = Enum.GetValues<NotificationCategory>().Where(c => c != NotificationCategory.Tarefas)
            .Select(c => new KeyValuePair<string, string>("Email", c.ToString()))
            .Concat(All("Push")).Concat(All("InApp"));
        var save = await client.PostFormAsync(Page, Page, fields);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        (_, doc) = await client.GetPageAsync(Page);
        Assert.Null(doc.QuerySelector("tr[data-category='Tarefas'] input[name='Email'][checked]"));
        Assert.NotNull(doc.QuerySelector("tr[data-category='Sistema'] input[name='Email'][checked]"));

        var trigger = "test.pref." + Guid.NewGuid().ToString("N")[..8];
        var ruleId = await RuleAsync(App, trigger, false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        await App.WithDbAsync(async db =>
        {
            (await db.NotificationRules.SingleAsync(r => r.Id == ruleId)).Channels = NotificationChannels.InApp | NotificationChannels.Email;
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, await PublishAsync(App, Event(trigger, null) with { Category = NotificationCategory.Tarefas }));
        Assert.Equal(1, await PublishAsync(App, Event(trigger, null) with { Category = NotificationCategory.Sistema }));

        var notes = await OfAsync(App, user.Id);
        Assert.Equal(2, notes.Count);
        var ids = notes.Select(n => n.Id.ToString()).ToList();
        var mails = await App.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .Where(m => m.CorrelationType == "notification" && ids.Contains(m.CorrelationId!)).Select(m => m.CorrelationId).ToListAsync());
        Assert.Equal([notes.Single(n => n.Category == NotificationCategory.Sistema).Id.ToString()], mails);
    }

    [Fact]
    public async Task NTF15_in_app_off_for_Tarefas_records_it_already_read_without_bell_while_Sistema_cannot_be_turned_off()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var (_, doc) = await client.GetPageAsync(Page);
        Assert.NotNull(doc.QuerySelector("tr[data-category='Tarefas'] input[name='InApp'][checked]"));
        Assert.Null(doc.QuerySelector("tr[data-category='Sistema'] input[name='InApp']")); // shown checked and disabled, not posted
        Assert.NotNull(doc.QuerySelector("tr[data-category='Sistema'] input[disabled][checked]"));

        // In the portal off for every category, Sistema included (a crafted form): Sistema stays on.
        var save = await client.PostFormAsync(Page, Page, [.. All("Email"), .. All("Push")]);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var saved = await App.WithDbAsync(db => db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == user.Id).ToDictionaryAsync(p => p.Category));
        Assert.False(saved[NotificationCategory.Tarefas].InApp);
        Assert.True(saved.GetValueOrDefault(NotificationCategory.Sistema)?.InApp ?? true); // no row = the default, on
        (_, doc) = await client.GetPageAsync(Page);
        Assert.Null(doc.QuerySelector("tr[data-category='Tarefas'] input[name='InApp'][checked]"));

        var trigger = "test.pref." + Guid.NewGuid().ToString("N")[..8];
        await RuleAsync(App, trigger, false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        Assert.Equal(1, await PublishAsync(App, Event(trigger, null) with { Category = NotificationCategory.Tarefas }));
        Assert.Equal(1, await PublishAsync(App, Event(trigger, null) with { Category = NotificationCategory.Sistema }));

        var notes = await OfAsync(App, user.Id);
        Assert.NotNull(notes.Single(n => n.Category == NotificationCategory.Tarefas).ReadAt); // kept in the history, already read
        Assert.Null(notes.Single(n => n.Category == NotificationCategory.Sistema).ReadAt);
        using var api = await ApiClient.LoginAsync(App, user);
        var count = await ApiClient.ReadJsonAsync(await api.GetAsync("/api/v1/notifications/unread-count"));
        Assert.Equal(1, count.GetProperty("unread").GetInt32()); // the bell counts only Sistema
    }

    [Fact]
    public async Task An_unknown_category_is_refused_and_nothing_is_saved()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);

        var save = await client.PostFormAsync(Page, Page, [new("Email", "Tarefas"), new("Digest", "Inexistente")]);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var page = await client.GetAsync(save.Headers.Location!.OriginalString);
        Assert.Contains("Preferências inválidas; nada foi alterado.", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == user.Id)));
    }

    [Fact]
    public async Task Saving_touches_only_the_current_users_preferences()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var other = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);

        await client.PostFormAsync(Page, Page, [new("Push", "Sistema")]);

        var mine = await App.WithDbAsync(db => db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == user.Id).ToListAsync());
        Assert.Equal(Enum.GetValues<NotificationCategory>().Length, mine.Count);
        Assert.All(mine, p => Assert.False(p.Email));
        Assert.False(await App.WithDbAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == other.Id)));
    }

    private static IEnumerable<KeyValuePair<string, string>> All(string field) =>
        Enum.GetValues<NotificationCategory>().Select(c => new KeyValuePair<string, string>(field, c.ToString()));
}

[Collection(SqliteCollection.Name)] public sealed class NotificationPreferenceTestsSqlite(SqlitePortal portal) : NotificationPreferenceTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationPreferenceTestsMySql(MySqlPortal portal) : NotificationPreferenceTests(portal);
