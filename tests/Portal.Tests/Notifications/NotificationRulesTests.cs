using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Features.Tasks;
using Portal.Platform.Contracts;
using Portal.Platform.Events;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Notifications.NotificationTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Notifications;

/// <summary>Task events through the seeded system rules (tasks.md §7) and the rules engine (notifications.md §4).</summary>
public abstract class NotificationRulesTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task The_task_system_rules_are_seeded_as_active_system_rules()
    {
        var rules = await App.WithDbAsync(db => db.NotificationRules.AsNoTracking().Include(r => r.Recipients).Where(r => r.IsSystem && r.Module == "tasks").ToListAsync());
        Assert.True(rules.Count >= 13);
        Assert.All(rules, r => Assert.Equal(NotificationChannels.InApp, r.Channels));
        Assert.Contains(rules, r => r.Trigger == "task.status_changed" && r.Recipients.Any(x => x.Dynamic == "creator"));
        Assert.Contains(rules, r => r.Trigger == "task.comment_created" && r.Recipients.Any(x => x.Dynamic == "participants"));
    }

    [Fact]
    public async Task Creating_a_task_for_a_colleague_notifies_the_colleague_once_and_not_the_actor()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var colleague = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var bystander = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var title = Unique("Apuração de ICMS");
        var id = await CreateAsync(App, creator, new TaskInput(title, SectorId: sector.Id, AssigneeId: colleague.Id));

        var received = Assert.Single(await OfAsync(App, colleague.Id, id));
        Assert.Equal("task.created", received.EventType);
        Assert.Equal(NotificationCategory.Tarefas, received.Category);
        Assert.Equal("Tarefa atribuída a você", received.Title);
        Assert.Equal($"{creator.FullName} atribuiu a você a tarefa “{title}”", received.Body);
        Assert.Equal($"/tarefas/setor/{sector.Id}?destaque={id}", received.Link);
        Assert.Null(received.ReadAt);
        Assert.Empty(await OfAsync(App, creator.Id, id));
        Assert.Empty(await OfAsync(App, bystander.Id, id)); // assigned: the sector is not told
    }

    [Fact]
    public async Task An_unassigned_task_notifies_the_active_sector_members_except_the_actor()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var member = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var inactive = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name], active: false);
        var id = await CreateAsync(App, creator, new TaskInput(Unique("Folha"), SectorId: sector.Id));

        var received = Assert.Single(await OfAsync(App, member.Id, id));
        Assert.StartsWith($"Nova tarefa no setor {sector.Name}", received.Body, StringComparison.Ordinal);
        Assert.Empty(await OfAsync(App, creator.Id, id));
        Assert.Empty(await OfAsync(App, inactive.Id, id));
    }

    [Fact]
    public async Task TSK10_completing_a_task_notifies_the_creator_exactly_once()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var worker = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        // The creator also follows the task: two rules name them, one notification.
        var id = await CreateAsync(App, creator, new TaskInput(Unique("Balancete"), SectorId: sector.Id, AssigneeId: worker.Id, FollowerIds: [creator.Id]));
        await ChangeStatusAsync(App, worker, id, TaskItemStatus.InProgress);
        var beforeDone = (await OfAsync(App, creator.Id, id)).Count;

        await ChangeStatusAsync(App, worker, id, TaskItemStatus.Done);

        var completions = (await OfAsync(App, creator.Id, id)).Where(n => n.Title == "Tarefa concluída").ToList();
        var done = Assert.Single(completions);
        Assert.Contains($"{worker.FullName} concluiu a tarefa", done.Body, StringComparison.Ordinal);
        Assert.Equal(beforeDone + 1, (await OfAsync(App, creator.Id, id)).Count);
        Assert.DoesNotContain(await OfAsync(App, worker.Id, id), n => n.EventType == "task.status_changed");
    }

    [Fact]
    public async Task TSK17_a_comment_notifies_every_participant_but_its_author()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var assignee = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var follower = await Users.CreateAsync(roles: ["Colaborador"]);
        var author = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var id = await CreateAsync(App, creator, new TaskInput(Unique("DCTF"), SectorId: sector.Id, AssigneeId: assignee.Id, FollowerIds: [follower.Id]));

        await AsUserAsync(App, author, s => s.AddCommentAsync(id, "<p>Enviado ao cliente.</p>"));

        foreach (var user in new[] { creator, assignee, follower })
        {
            var reply = Assert.Single(await OfAsync(App, user.Id, id), n => n.EventType == "task.comment_created");
            Assert.Equal($"/tarefas/{id}#conversa", reply.Link);
        }
        Assert.DoesNotContain(await OfAsync(App, author.Id, id), n => n.EventType == "task.comment_created");
    }

    [Fact]
    public async Task NTF02_the_same_event_processed_twice_notifies_each_recipient_once()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var assignee = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var id = await CreateAsync(App, creator, new TaskInput(Unique("Retry"), SectorId: sector.Id, AssigneeId: assignee.Id));
        var created = App.Services.GetRequiredService<RecentDomainEvents>().Recent.OfType<TaskCreated>().Single(e => e.Task.TaskId == id);

        await App.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IDomainEvents>().PublishAsync(created);
            await sp.GetRequiredService<IDomainEvents>().PublishAsync(created);
        });

        Assert.Single(await OfAsync(App, assignee.Id, id));
    }

    [Fact]
    public async Task Private_task_events_reach_only_the_creator_whatever_the_rules_say()
    {
        var trigger = "task.status_changed";
        var role = await RoleAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"]);
        var roleMember = await Users.CreateAsync(roles: ["Colaborador", role.Name]);
        var privateId = await CreateAsync(App, creator, new TaskInput(Unique("Lembrete"), IsPrivate: true));
        // A rule naming both the role and the creator (included although they act): only the creator may see the task.
        var ruleId = await RuleAsync(App, trigger, includeActor: true,
            new NotificationRuleRecipient { Kind = RuleRecipientKind.Role, TargetId = role.Id },
            new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = creator.Id });
        try
        {
            await ChangeStatusAsync(App, creator, privateId, TaskItemStatus.InProgress);

            var own = Assert.Single(await OfAsync(App, creator.Id, privateId));
            Assert.Equal($"/tarefas/pessoais?destaque={privateId}", own.Link);
            Assert.Empty(await OfAsync(App, roleMember.Id, privateId));
        }
        finally
        {
            await App.WithDbAsync(db => db.NotificationRules.Where(r => r.Id == ruleId).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task NTF12_a_user_named_by_role_and_by_name_receives_one_notification()
    {
        var trigger = "test.ntf12." + Guid.NewGuid().ToString("N")[..8];
        var role = await RoleAsync(App);
        var x = await Users.CreateAsync(roles: [role.Name]);
        var other = await Users.CreateAsync(roles: [role.Name]);
        var inactive = await Users.CreateAsync(roles: [role.Name], active: false);
        var actor = await Users.CreateAsync(roles: [role.Name]);
        await RuleAsync(App, trigger, includeActor: false,
            new NotificationRuleRecipient { Kind = RuleRecipientKind.Role, TargetId = role.Id },
            new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = x.Id });

        var created = await PublishAsync(App, Event(trigger, actor.Id));

        Assert.Equal(2, created);
        Assert.Single(await OfAsync(App, x.Id));
        Assert.Single(await OfAsync(App, other.Id));
        Assert.Empty(await OfAsync(App, inactive.Id)); // inactive users are skipped
        Assert.Empty(await OfAsync(App, actor.Id)); // the actor is left out
    }

    [Fact]
    public async Task Inactive_rules_and_unmet_conditions_notify_nobody()
    {
        var trigger = "test.off." + Guid.NewGuid().ToString("N")[..8];
        var user = await Users.CreateAsync();
        var ruleId = await RuleAsync(App, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        await App.WithDbAsync(async db =>
        {
            db.Set<NotificationRuleCondition>().Add(new NotificationRuleCondition { RuleId = ruleId, Key = "slot", Operator = "in", Value = "a,b" });
            await db.SaveChangesAsync();
        });

        Assert.Equal(0, await PublishAsync(App, Event(trigger, null)));
        Assert.Equal(1, await PublishAsync(App, Event(trigger, null) with { Facts = new Dictionary<string, string> { ["slot"] = "b" } }));
        await App.WithDbAsync(db => db.NotificationRules.Where(r => r.Id == ruleId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false)));
        Assert.Equal(0, await PublishAsync(App, Event(trigger, null) with { Facts = new Dictionary<string, string> { ["slot"] = "b" } }));
        Assert.Single(await OfAsync(App, user.Id));
    }

    [Fact]
    public async Task Deleting_a_task_removes_its_notifications_and_tells_assignee_and_followers()
    {
        var sector = await SectorAsync(App);
        var creator = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var assignee = await Users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        var follower = await Users.CreateAsync(roles: ["Colaborador"]);
        var title = Unique("Excluir");
        var id = await CreateAsync(App, creator, new TaskInput(title, SectorId: sector.Id, AssigneeId: assignee.Id, FollowerIds: [follower.Id]));
        Assert.Single(await OfAsync(App, assignee.Id, id));
        var version = (await LoadAsync(App, id)).Version;

        var result = await AsUserAsync(App, creator, s => s.DeleteAsync(id, version));
        Assert.True(result.Succeeded, result.Message);

        foreach (var user in new[] { assignee, follower })
        {
            var deleted = Assert.Single(await OfAsync(App, user.Id, id));
            Assert.Equal("task.deleted", deleted.EventType);
            Assert.Equal($"{creator.FullName} excluiu a tarefa “{title}”", deleted.Body);
        }
    }
}

[Collection(SqliteCollection.Name)] public sealed class NotificationRulesTestsSqlite(SqlitePortal portal) : NotificationRulesTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationRulesTestsMySql(MySqlPortal portal) : NotificationRulesTests(portal);
