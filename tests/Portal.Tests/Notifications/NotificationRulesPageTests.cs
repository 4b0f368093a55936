using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Notifications;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>/admin/notificacoes/regras (notifications.md §8): list, activate/deactivate and the E-mail channel.</summary>
public abstract class NotificationRulesPageTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Page = "/admin/notificacoes/regras";

    [Fact]
    public async Task Without_settings_manage_the_page_and_its_actions_are_forbidden()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var target = await Users.CreateAsync(roles: ["Colaborador"]);
        var ruleId = await RuleAsync(App, "test.page." + Guid.NewGuid().ToString("N")[..8], false,
            new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = target.Id });
        using var client = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
        var post = await client.PostFormAsync("/notificacoes", $"{Page}?handler=Active&id={ruleId}", [new("active", "false")]);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.True((await RuleOf(ruleId)).IsActive);
    }

    [Fact]
    public async Task The_list_shows_the_seeded_task_rules_with_recipients_and_channels()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (response, doc) = await admin.GetPageAsync(Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = doc.QuerySelectorAll("tr[data-rule-id]");
        Assert.Contains(rows, r => r.TextContent.Contains("task.assigned", StringComparison.Ordinal)
            && r.TextContent.Contains("sistema", StringComparison.Ordinal) && r.TextContent.Contains("No portal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivating_and_switching_email_on_are_saved_and_audited()
    {
        var target = await Users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.page." + Guid.NewGuid().ToString("N")[..8];
        var ruleId = await RuleAsync(App, trigger, false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = target.Id });
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (_, doc) = await admin.GetPageAsync(Page);
        Assert.Contains(target.FullName, doc.QuerySelector($"tr[data-rule-id='{ruleId}']")!.TextContent, StringComparison.Ordinal);

        var email = await admin.PostFormAsync(Page, $"{Page}?handler=Email&id={ruleId}", [new("email", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, email.StatusCode);
        Assert.Equal(NotificationChannels.InApp | NotificationChannels.Email, (await RuleOf(ruleId)).Channels);

        var off = await admin.PostFormAsync(Page, $"{Page}?handler=Active&id={ruleId}", [new("active", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await RuleOf(ruleId)).IsActive);
        Assert.Equal(0, await PublishAsync(App, Event(trigger, null))); // an inactive rule tells nobody
        Assert.Equal(2, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ResourceType == "NotificationRule" && a.ResourceId == ruleId.ToString())));
    }

    [Fact]
    public async Task An_unknown_rule_is_404()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var post = await admin.PostFormAsync(Page, $"{Page}?handler=Active&id=999999999", [new("active", "false")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private Task<NotificationRule> RuleOf(long id) => App.WithDbAsync(db => db.NotificationRules.AsNoTracking().SingleAsync(r => r.Id == id));
}

[Collection(SqliteCollection.Name)] public sealed class NotificationRulesPageTestsSqlite(SqlitePortal portal) : NotificationRulesPageTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationRulesPageTestsMySql(MySqlPortal portal) : NotificationRulesPageTests(portal);
