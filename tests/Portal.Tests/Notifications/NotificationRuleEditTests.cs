using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Notifications;
using Portal.Platform.Setup;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>The rule form of /admin/notificacoes/regras (notifications.md §8): create, edit, validate, delete, preview, test.</summary>
public abstract class NotificationRuleEditTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string List = "/admin/notificacoes/regras";
    private const string Form = "/admin/notificacoes/regras/editar";

    [Fact]
    public async Task Creating_an_event_rule_saves_it_audited_and_it_notifies_its_recipients()
    {
        var target = await Users.CreateAsync(roles: ["Colaborador"]);
        using var admin = await Users.LoginAsync(Users.Administrator);
        var name = "Regra nova " + Guid.NewGuid().ToString("N")[..8];

        var response = await admin.PostFormAsync(Form, Form, Fields(name, "system", "system.integration_auth_failed",
            ("Input.UserIds", target.Id.ToString()), ("Input.Email", "true")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rule = await RuleNamedAsync(name);
        Assert.Equal("system.integration_auth_failed", rule.Trigger);
        Assert.Equal(NotificationChannels.InApp | NotificationChannels.Email, rule.Channels);
        Assert.True(rule.IsActive);
        Assert.False(rule.IsSystem);
        Assert.Equal(target.Id, Assert.Single(rule.Recipients).TargetId);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "NotificationRule" && a.ResourceId == rule.Id.ToString() && a.Action == "create")));

        Assert.True(await PublishAsync(App, Event("system.integration_auth_failed", null)) >= 1);
        Assert.Contains(await OfAsync(App, target.Id), n => n.EventType == "system.integration_auth_failed");
    }

    [Fact]
    public async Task Editing_saves_conditions_and_dynamic_recipients_and_a_stale_version_is_refused()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var name = "Regra editada " + Guid.NewGuid().ToString("N")[..8];
        await admin.PostFormAsync(Form, Form, Fields(name, "tasks", "task.status_changed", ("Input.Dynamic", "creator")));
        var rule = await RuleNamedAsync(name);
        var page = $"{Form}/{rule.Id}";
        var (_, doc) = await admin.GetPageAsync(page);
        Assert.Equal(name, doc.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));

        var edit = await admin.PostFormAsync(page, page, Fields(name + " (v2)", "tasks", "task.status_changed",
            ("Input.Dynamic", "assignee"), ("Input.Dynamic", "followers"),
            ("Input.Conditions[0].Key", "transition"), ("Input.Conditions[0].Operator", "in"), ("Input.Conditions[0].Value", "completed,reopened"),
            ("Input.Version", rule.Version.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var saved = await RuleNamedAsync(name + " (v2)");
        Assert.Equal(["assignee", "followers"], saved.Recipients.Select(r => r.Dynamic!).Order(StringComparer.Ordinal));
        var condition = Assert.Single(saved.Conditions);
        Assert.Equal(("transition", "in", "completed,reopened"), (condition.Key, condition.Operator, condition.Value));

        var stale = await admin.PostFormAsync(page, page, Fields(name + " (v3)", "tasks", "task.status_changed",
            ("Input.Dynamic", "assignee"), ("Input.Version", rule.Version.ToString())));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("alterada por outra pessoa", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(name + " (v2)", (await RuleByIdAsync(rule.Id)).Name);
    }

    [Theory]
    [InlineData("", "system", "system.job_failed", "Input.UserIds", "ADMIN", "Informe o nome da regra.")]
    [InlineData("Regra", "system", "evento.inexistente", "Input.UserIds", "ADMIN", "Escolha um evento da lista.")]
    [InlineData("Regra", "tasks", "system.job_failed", "Input.UserIds", "ADMIN", "O evento escolhido não pertence ao módulo.")]
    [InlineData("Regra", "system", "system.job_failed", "Input.UserIds", "999999999", "Usuário inexistente.")]
    [InlineData("Regra", "system", "system.job_failed", "Input.Permission", "nao.existe", "Permissão desconhecida: nao.existe.")]
    [InlineData("Regra", "system", "system.job_failed", "Input.Dynamic", "assignee", "não se aplica a este gatilho")]
    [InlineData("Regra", "system", "system.job_failed", "Input.Conditions[0].Key", "inexistente", "não existe para este gatilho")]
    [InlineData("Regra", "system", "system.job_failed", "Input.Email", "true", "Escolha ao menos um destinatário")]
    public async Task Bad_input_is_refused_with_a_pt_BR_message_and_nothing_saved(string name, string module, string trigger, string field, string value, string message)
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var before = await App.WithDbAsync(db => db.NotificationRules.CountAsync());
        if (value == "ADMIN") value = Users.Administrator.Id.ToString();
        var extra = field == "Input.Conditions[0].Key" ? new[] { (field, value), ("Input.Conditions[0].Value", "x"), ("Input.UserIds", Users.Administrator.Id.ToString()) } : [(field, value)];

        var response = await admin.PostFormAsync(Form, Form, Fields(name, module, trigger, extra));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await App.WithDbAsync(db => db.NotificationRules.CountAsync()));
    }

    [Fact]
    public async Task A_digest_rule_needs_a_valid_time()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var name = "Resumo " + Guid.NewGuid().ToString("N")[..8];
        var bad = await admin.PostFormAsync(Form, Form, Digest(name, "25:99"));
        Assert.Contains("Informe o horário do resumo", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var ok = await admin.PostFormAsync(Form, Form, Digest(name, "17:00"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var rule = await RuleNamedAsync(name);
        Assert.Equal(NotificationTriggerKind.Digest, rule.TriggerKind);
        Assert.Equal(new TimeOnly(17, 0), rule.DigestTime);
        Assert.True(rule.BusinessDaysOnly);
    }

    [Fact]
    public async Task System_rules_can_be_edited_but_not_deleted_and_other_rules_are_deleted()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var system = await App.WithDbAsync(db => db.NotificationRules.AsNoTracking().FirstAsync(r => r.IsSystem && r.Trigger == "system.certificate_expiring"));
        var page = $"{Form}/{system.Id}";
        var delete = await admin.PostFormAsync(page, $"{page}?handler=Delete", []);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.NotNull(await App.WithDbAsync(db => db.NotificationRules.FirstOrDefaultAsync(r => r.Id == system.Id)));
        var (_, doc) = await admin.GetPageAsync(page);
        Assert.Null(doc.QuerySelector("[data-rule-delete]"));

        var ruleId = await RuleAsync(App, "test.delete." + Guid.NewGuid().ToString("N")[..8], false,
            new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = Users.Administrator.Id });
        var (_, other) = await admin.GetPageAsync($"{Form}/{ruleId}");
        Assert.NotNull(other.QuerySelector("form[data-confirm] [data-rule-delete]"));
        var gone = await admin.PostFormAsync($"{Form}/{ruleId}", $"{Form}/{ruleId}?handler=Delete", []);
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.NotificationRules.FirstOrDefaultAsync(r => r.Id == ruleId)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "NotificationRule" && a.ResourceId == ruleId.ToString() && a.Action == "delete")));
    }

    [Fact]
    public async Task Preview_lists_who_would_receive_it_now_without_saving()
    {
        var holder = await Users.CreateAsync(roles: ["Colaborador"]);
        var inactive = await Users.CreateAsync(roles: ["Colaborador"], active: false);
        using var admin = await Users.LoginAsync(Users.Administrator);
        var name = "Prévia " + Guid.NewGuid().ToString("N")[..8];
        var before = await App.WithDbAsync(db => db.NotificationRules.CountAsync());

        var response = await admin.PostFormAsync(Form, $"{Form}?handler=Preview", Fields(name, "tasks", "task.created",
            ("Input.UserIds", holder.Id.ToString()), ("Input.UserIds", inactive.Id.ToString()), ("Input.Dynamic", "assignee")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var preview = doc.QuerySelector("[data-rule-preview-result]")!.TextContent;
        Assert.Contains(holder.FullName, preview, StringComparison.Ordinal);
        Assert.DoesNotContain(inactive.FullName, preview, StringComparison.Ordinal);
        Assert.Contains("responsável", preview, StringComparison.Ordinal);
        Assert.Equal(before, await App.WithDbAsync(db => db.NotificationRules.CountAsync()));
    }

    [Fact]
    public async Task Send_test_to_me_notifies_only_the_current_user_and_is_audited()
    {
        var other = await Users.CreateAsync(roles: ["Colaborador"]);
        var editor = await Users.CreateAsync(roles: [ReferenceData.AdministratorRoleName]);
        var ruleId = await RuleAsync(App, "test.send." + Guid.NewGuid().ToString("N")[..8], false,
            new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = other.Id });
        using var client = await Users.LoginAsync(editor);

        var response = await client.PostFormAsync($"{Form}/{ruleId}", $"{Form}/{ruleId}?handler=Test", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mine = Assert.Single(await OfAsync(App, editor.Id), n => n.EventType == "test.rule");
        Assert.StartsWith("[Teste]", mine.Title, StringComparison.Ordinal);
        Assert.Empty(await OfAsync(App, other.Id));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "NotificationRule" && a.ResourceId == ruleId.ToString() && a.Action == "test")));
    }

    [Fact]
    public async Task Without_permission_the_form_and_its_actions_are_forbidden()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        var ruleId = await RuleAsync(App, "test.forbid." + Guid.NewGuid().ToString("N")[..8], false,
            new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        using var client = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Form)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Form}/{ruleId}")).StatusCode);
        foreach (var handler in new[] { "", "?handler=Delete", "?handler=Test", "?handler=Preview" })
        {
            var post = await client.PostFormAsync("/notificacoes", $"{Form}/{ruleId}{handler}", Fields("X", "system", "system.job_failed", ("Input.UserIds", user.Id.ToString())));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        Assert.NotNull(await App.WithDbAsync(db => db.NotificationRules.FirstOrDefaultAsync(r => r.Id == ruleId)));
    }

    private static KeyValuePair<string, string>[] Fields(string name, string module, string trigger, params (string Key, string Value)[] extra) =>
    [
        new("Input.Name", name), new("Input.Module", module), new("Input.TriggerKind", "Event"), new("Input.Trigger", trigger),
        new("Input.IsActive", "true"), .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)),
    ];

    private KeyValuePair<string, string>[] Digest(string name, string time) =>
    [
        new("Input.Name", name), new("Input.Module", "tasks"), new("Input.TriggerKind", "Digest"), new("Input.Trigger", "tasks.due_today_or_overdue"),
        new("Input.DigestTime", time), new("Input.BusinessDaysOnly", "true"), new("Input.Dynamic", "assignee"), new("Input.IsActive", "true"),
    ];

    private Task<NotificationRule> RuleNamedAsync(string name) => App.WithDbAsync(db => db.NotificationRules.AsNoTracking()
        .Include(r => r.Recipients).Include(r => r.Conditions).AsSplitQuery().SingleAsync(r => r.Name == name));

    private Task<NotificationRule> RuleByIdAsync(long id) => App.WithDbAsync(db => db.NotificationRules.AsNoTracking().SingleAsync(r => r.Id == id));
}

[Collection(SqliteCollection.Name)] public sealed class NotificationRuleEditTestsSqlite(SqlitePortal portal) : NotificationRuleEditTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationRuleEditTestsMySql(MySqlPortal portal) : NotificationRuleEditTests(portal);
