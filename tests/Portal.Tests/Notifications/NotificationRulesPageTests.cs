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
    public async Task The_menu_entry_shows_to_settings_managers_and_module_configurers_who_see_only_their_modules_rules()
    {
        var role = await Portal.Tests.Admin.AccessTestData.RoleAsync(App, ["closing.configure"]);
        var configurer = await Users.CreateAsync(roles: [role.Name]);
        var colaborador = await Users.CreateAsync(roles: ["Colaborador"]);
        var closingRule = await ModuleRuleAsync("closing", "closing.state_changed");
        var tasksRule = await ModuleRuleAsync("tasks", "task.updated");

        using var admin = await Users.LoginAsync(Users.Administrator);
        Assert.Contains(Page, await MenuLinksAsync(admin));
        using var other = await Users.LoginAsync(colaborador);
        Assert.DoesNotContain(Page, await MenuLinksAsync(other));

        using var client = await Users.LoginAsync(configurer);
        Assert.Contains(Page, await MenuLinksAsync(client));
        var (response, doc) = await client.GetPageAsync(Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(doc.QuerySelector($"tr[data-rule-id='{closingRule}']"));
        Assert.Null(doc.QuerySelector($"tr[data-rule-id='{tasksRule}']"));
        Assert.All(doc.QuerySelectorAll("tr[data-rule-id]"), r => Assert.Contains("Fechamento", r.TextContent, StringComparison.Ordinal));
        // Another module's rule stays out of reach, not only out of sight.
        var post = await client.PostFormAsync(Page, $"{Page}?handler=Active&id={tasksRule}", [new("active", "true")]);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False((await RuleOf(tasksRule)).IsActive);
    }

    [Fact]
    public async Task An_unknown_rule_is_404()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var post = await admin.PostFormAsync(Page, $"{Page}?handler=Active&id=999999999", [new("active", "false")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private static async Task<string[]> MenuLinksAsync(TestClient client)
    {
        var (_, doc) = await client.GetPageAsync("/notificacoes");
        return [.. doc.QuerySelectorAll("#portal-sidebar a.nav-link").Select(a => a.GetAttribute("href")!)];
    }

    private async Task<long> ModuleRuleAsync(string module, string trigger)
    {
        var rule = new NotificationRule
        {
            Name = "Regra do módulo " + Guid.NewGuid().ToString("N")[..8], Module = module, Trigger = trigger, IsActive = false, // inactive: parallel tests' events never reach it
            Recipients = [new NotificationRuleRecipient { Kind = RuleRecipientKind.Dynamic, Dynamic = "creator" }],
        };
        await App.WithDbAsync(async db =>
        {
            db.NotificationRules.Add(rule);
            await db.SaveChangesAsync();
        });
        return rule.Id;
    }

    private Task<NotificationRule> RuleOf(long id) => App.WithDbAsync(db => db.NotificationRules.AsNoTracking().SingleAsync(r => r.Id == id));
}

[Collection(SqliteCollection.Name)] public sealed class NotificationRulesPageTestsSqlite(SqlitePortal portal) : NotificationRulesPageTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationRulesPageTestsMySql(MySqlPortal portal) : NotificationRulesPageTests(portal);
