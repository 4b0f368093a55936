using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Platform.Contracts;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Settings;
using Portal.Platform.Jobs;
using Portal.Platform.Time;
using Portal.Tests.Infrastructure;
using Portal.Tests.Tasks;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>
/// Digest rules (notifications.md §4.2, NTF-10, NTF-11) run by the "notification-digests" job on a portal whose clock the
/// test sets (scheduler off, the job fired by hand as the scheduler would every minute).
/// </summary>
public abstract class NotificationDigestTests(DatabaseKind provider) : IAsyncLifetime
{
    private readonly SettableClock _clock = new();
    private PortalApp _app = null!;
    private TestUsers _users = null!;

    private const string PublicUrl = "https://portal.firma.test/";

    /// <summary>A weekday a week ahead, so the real date never interferes.</summary>
    private static readonly DateOnly Day = NextMonday(SaoPaulo.Today(TimeProvider.System).AddDays(7));

    public async Task InitializeAsync()
    {
        _app = await PortalApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Portal:PublicUrl"] = PublicUrl },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        _users = new TestUsers(_app);
        await _users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task NTF10_a_17h_digest_with_3_items_sends_one_message_at_17h_and_nothing_more_that_day()
    {
        var user = await _users.CreateAsync(roles: ["Colaborador"]);
        var idle = await _users.CreateAsync(roles: ["Colaborador"]); // no tasks: gets nothing
        var tasks = await TaskTestData.InsertAsync(_app,
        [
            TaskTestData.NewTask("Apurar ICMS", user.Id, null, due: Day, assigneeId: user.Id),
            TaskTestData.NewTask("Enviar DCTF", user.Id, null, due: Day.AddDays(-1), assigneeId: user.Id),
            TaskTestData.NewTask("Conferir folha", user.Id, null, due: Day.AddDays(-5), assigneeId: user.Id, status: TaskItemStatus.InProgress),
            TaskTestData.NewTask("Amanhã", user.Id, null, due: Day.AddDays(1), assigneeId: user.Id),
            TaskTestData.NewTask("Já feita", user.Id, null, due: Day, assigneeId: user.Id, status: TaskItemStatus.Done),
        ]);
        var ruleId = await DigestRuleAsync(new TimeOnly(17, 0), email: true, "assignee");

        Assert.Equal(0, await RunAtAsync(Day, 16, 59));
        Assert.Empty(await DigestsOfAsync(user.Id));

        await RunAtAsync(Day, 17, 0);
        var digest = Assert.Single(await DigestsOfAsync(user.Id));
        Assert.Contains("(3)", digest.Title, StringComparison.Ordinal);
        Assert.Contains("Apurar ICMS — vence hoje", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Enviar DCTF — atrasada", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Conferir folha", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Amanhã", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Já feita", digest.Body, StringComparison.Ordinal);
        var mail = await _app.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .SingleAsync(m => m.CorrelationType == "notification" && m.CorrelationId == digest.Id.ToString()));
        foreach (var t in tasks.Take(3)) Assert.Contains($"/tarefas/{t.Id}", mail.BodyText, StringComparison.Ordinal);
        Assert.Empty(await DigestsOfAsync(idle.Id));

        await RunAtAsync(Day, 17, 1);
        await RunAtAsync(Day, 22, 30);
        Assert.Single(await DigestsOfAsync(user.Id)); // never twice a day
        var run = await _app.WithDbAsync(db => db.DigestRuns.AsNoTracking().SingleAsync(r => r.RuleId == ruleId));
        Assert.Equal(Day, run.RunDate);
    }

    [Fact]
    public async Task The_digest_email_is_branded_HTML_with_a_text_alternative_escaped_text_and_absolute_links()
    {
        await _app.WithScopeAsync(async sp =>
        {
            var settings = sp.GetRequiredService<SettingsService>();
            await settings.StageAsync(new Dictionary<string, string?> { [SettingKeys.FirmName] = "Contábil & Filhos", [SettingKeys.PrimaryColor] = "#aa3300" }, null);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
            settings.Invalidate();
        });
        var user = await _users.CreateAsync(roles: ["Colaborador"]);
        var tasks = await TaskTestData.InsertAsync(_app,
        [
            TaskTestData.NewTask("<script>alert(1)</script> ICMS", user.Id, null, due: Day, assigneeId: user.Id),
            TaskTestData.NewTask("Enviar DCTF", user.Id, null, due: Day.AddDays(-1), assigneeId: user.Id),
        ]);
        await DigestRuleAsync(new TimeOnly(8, 0), email: true, "assignee");

        await RunAtAsync(Day, 8, 0);

        var digest = Assert.Single(await DigestsOfAsync(user.Id));
        var mail = await _app.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .SingleAsync(m => m.CorrelationType == "notification" && m.CorrelationId == digest.Id.ToString()));
        Assert.NotNull(mail.BodyHtml);
        Assert.Contains("Contábil &amp; Filhos", mail.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("#aa3300", mail.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; ICMS", mail.BodyHtml, StringComparison.Ordinal);
        foreach (var t in tasks) Assert.Contains($"href=\"https://portal.firma.test/tarefas/{t.Id}\"", mail.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/", mail.BodyHtml, StringComparison.Ordinal); // no relative link: a mail client has no base address
        Assert.DoesNotContain("<img", mail.BodyHtml, StringComparison.OrdinalIgnoreCase); // nothing the reader's client would fetch
        Assert.Contains("Contábil & Filhos", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> ICMS", mail.BodyText, StringComparison.Ordinal); // plain text is not HTML
        Assert.Contains($"https://portal.firma.test/tarefas/{tasks[0].Id}", mail.BodyText, StringComparison.Ordinal);

        // What goes over SMTP: multipart/alternative with the plain text first and the HTML second.
        var mime = MailKitTransport.Build(new SmtpOptions("localhost", 25, "none", null, null, "portal@firma.test", "Portal", null), mail);
        var alternative = Assert.IsType<MimeKit.MultipartAlternative>(mime.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal(mail.BodyHtml, alternative.HtmlBody);
        Assert.DoesNotContain("cid:", alternative.HtmlBody, StringComparison.Ordinal); // no logo configured: the firm's name only
    }

    [Fact]
    public async Task NTF15_Resumo_diario_holds_the_categorys_emails_and_sends_one_at_18h_with_the_unread_items_once()
    {
        var user = await _users.CreateAsync(roles: ["Colaborador"]);
        using (var client = await _users.LoginAsync(user))
        {
            var fields = Enum.GetValues<NotificationCategory>().SelectMany(c => new[] { "InApp", "Email", "Push" }.Select(f => new KeyValuePair<string, string>(f, c.ToString())))
                .Append(new("Digest", nameof(NotificationCategory.Tarefas)));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.PostFormAsync("/perfil/notificacoes", "/perfil/notificacoes", fields)).StatusCode);
            var (_, page) = await client.GetPageAsync("/perfil/notificacoes");
            Assert.NotNull(page.QuerySelector("tr[data-category='Tarefas'] input[name='Digest'][checked]"));
        }
        var trigger = "test.daily." + Guid.NewGuid().ToString("N")[..8];
        var ruleId = await NotificationTestData.RuleAsync(_app, trigger, false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        await _app.WithDbAsync(async db =>
        {
            (await db.NotificationRules.SingleAsync(r => r.Id == ruleId)).Channels = NotificationChannels.InApp | NotificationChannels.Email;
            await db.SaveChangesAsync();
        });

        _clock.Now = SaoPaulo.ToUtc(Day.ToDateTime(new TimeOnly(10, 0)));
        Assert.Equal(1, await NotificationTestData.PublishAsync(_app, Event(trigger, "Tarefa <b>urgente</b>", NotificationCategory.Tarefas)));
        Assert.Equal(1, await NotificationTestData.PublishAsync(_app, Event(trigger, "Aviso do sistema", NotificationCategory.Sistema)));
        var immediate = await MailsToAsync(user.Email, "notification");
        Assert.Equal(["Aviso do sistema"], immediate.Select(m => m.Subject)); // Tarefas waits for the daily e-mail
        var yesterday = SaoPaulo.ToUtc(Day.AddDays(-1).ToDateTime(new TimeOnly(12, 0)));
        await NotificationTestData.InsertAsync(_app, user.Id, 1, createdAt: yesterday, title: "Antiga"); // before the last 24 h
        await NotificationTestData.InsertAsync(_app, user.Id, 1, createdAt: _clock.Now, readAt: _clock.Now.AddMinutes(5), title: "Já lida");

        await RunAtAsync(Day, 17, 59);
        Assert.Empty(await MailsToAsync(user.Email, NotificationDailyEmail.Kind));

        await RunAtAsync(Day, 18, 0);
        var daily = Assert.Single(await MailsToAsync(user.Email, NotificationDailyEmail.Kind));
        Assert.Equal("Resumo diário: 1 notificação", daily.Subject);
        Assert.Contains("Tarefa <b>urgente</b>", daily.BodyText, StringComparison.Ordinal);
        Assert.Contains("Tarefa &lt;b&gt;urgente&lt;/b&gt;", daily.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("https://portal.firma.test/inicio", daily.BodyText, StringComparison.Ordinal);
        foreach (var absent in new[] { "Aviso do sistema", "Antiga", "Já lida" }) Assert.DoesNotContain(absent, daily.BodyText, StringComparison.Ordinal);

        await RunAtAsync(Day, 18, 1);
        await RunAtAsync(Day, 23, 0);
        Assert.Single(await MailsToAsync(user.Email, NotificationDailyEmail.Kind)); // once a day
        await RunAtAsync(Day.AddDays(1), 18, 0); // nothing new in the following 24 h: nothing sent
        Assert.Single(await MailsToAsync(user.Email, NotificationDailyEmail.Kind));
    }

    private Task<List<OutboxEmail>> MailsToAsync(string address, string kind) =>
        _app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == kind).OrderBy(m => m.Id).ToListAsync());

    private static NotificationEvent Event(string trigger, string title, NotificationCategory category) => new(
        trigger, Guid.NewGuid().ToString("N"), category, null, null, null,
        new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = new(title, "Corpo.", "/inicio") },
        new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string>(), null);

    [Fact]
    public async Task NTF10_with_no_items_nothing_is_sent()
    {
        var user = await _users.CreateAsync(roles: ["Colaborador"]);
        var ruleId = await DigestRuleAsync(new TimeOnly(17, 0), email: true, "assignee");
        await _app.WithDbAsync(async db =>
        {
            var rule = await db.NotificationRules.Include(r => r.Conditions).SingleAsync(r => r.Id == ruleId);
            rule.Conditions.Add(new NotificationRuleCondition { Key = "priority", Operator = "=", Value = "nenhuma" }); // matches no task
            await db.SaveChangesAsync();
        });
        await TaskTestData.InsertAsync(_app, [TaskTestData.NewTask("Vence hoje", user.Id, null, due: Day, assigneeId: user.Id)]);

        await RunAtAsync(Day, 17, 5);

        Assert.Empty(await DigestsOfAsync(user.Id));
        Assert.Equal(0, (await _app.WithDbAsync(db => db.DigestRuns.AsNoTracking().SingleAsync(r => r.RuleId == ruleId))).ItemCount);
    }

    [Fact]
    public async Task NTF11_a_digest_missed_while_down_goes_out_once_at_start_the_same_day_but_never_the_next_day()
    {
        var user = await _users.CreateAsync(roles: ["Colaborador"]);
        await TaskTestData.InsertAsync(_app, [TaskTestData.NewTask("Atrasada", user.Id, null, due: Day.AddDays(-3), assigneeId: user.Id)]);
        var sameDay = await DigestRuleAsync(new TimeOnly(17, 0), email: false, "assignee");

        await RunAtAsync(Day, 16, 50); // then the portal stops until 17:20
        await RunAtAsync(Day, 17, 20);
        await RunAtAsync(Day, 17, 21);
        Assert.Single(await DigestsOfAsync(user.Id), n => n.DedupKey.Contains($":{sameDay}:", StringComparison.Ordinal));

        var nextDay = await DigestRuleAsync(new TimeOnly(17, 0), email: false, "assignee");
        // Stopped from 16:50 until the next morning: the missed digest of the day before is not sent.
        await RunAtAsync(Day.AddDays(1), 8, 0);
        Assert.DoesNotContain(await DigestsOfAsync(user.Id), n => n.DedupKey.Contains($":{nextDay}:", StringComparison.Ordinal));
        Assert.False(await _app.WithDbAsync(db => db.DigestRuns.AnyAsync(r => r.RuleId == nextDay && r.RunDate == Day)));
    }

    [Fact]
    public async Task Business_days_only_skips_the_weekend()
    {
        var user = await _users.CreateAsync(roles: ["Colaborador"]);
        await TaskTestData.InsertAsync(_app, [TaskTestData.NewTask("Atrasada", user.Id, null, due: Day.AddDays(-10), assigneeId: user.Id)]);
        var ruleId = await DigestRuleAsync(new TimeOnly(9, 0), email: false, "assignee");
        await _app.WithDbAsync(async db =>
        {
            (await db.NotificationRules.SingleAsync(r => r.Id == ruleId)).BusinessDaysOnly = true;
            await db.SaveChangesAsync();
        });

        await RunAtAsync(Day.AddDays(-2), 10, 0); // Saturday
        await RunAtAsync(Day.AddDays(-1), 10, 0); // Sunday
        Assert.Empty(await DigestsOfAsync(user.Id));
        await RunAtAsync(Day, 10, 0); // Monday
        Assert.Single(await DigestsOfAsync(user.Id));
    }

    private async Task<int> RunAtAsync(DateOnly day, int hour, int minute)
    {
        _clock.Now = SaoPaulo.ToUtc(day.ToDateTime(new TimeOnly(hour, minute)));
        var job = _app.Services.GetRequiredService<JobCatalog>().Find(NotificationDigests.JobKey)!;
        var run = await _app.Services.GetRequiredService<JobExecutor>().RunAsync(job, "teste", manual: false, CancellationToken.None);
        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        return run.ItemsProcessed;
    }

    private Task<List<Portal.Features.Notifications.Notification>> DigestsOfAsync(long userId) =>
        _app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == userId && n.EventType == NotificationDigests.EventPrefix + TaskDigestSource.SourceKey).ToListAsync());

    private async Task<long> DigestRuleAsync(TimeOnly at, bool email, params string[] dynamic)
    {
        var rule = new NotificationRule
        {
            Name = "Resumo de teste", Module = "tasks", TriggerKind = NotificationTriggerKind.Digest, Trigger = TaskDigestSource.SourceKey,
            DigestTime = at, Channels = email ? NotificationChannels.InApp | NotificationChannels.Email : NotificationChannels.InApp,
            Recipients = [.. dynamic.Select(d => new NotificationRuleRecipient { Kind = RuleRecipientKind.Dynamic, Dynamic = d })],
        };
        await _app.WithDbAsync(async db =>
        {
            db.NotificationRules.Add(rule);
            await db.SaveChangesAsync();
        });
        return rule.Id;
    }

    private static DateOnly NextMonday(DateOnly from)
    {
        while (from.DayOfWeek != DayOfWeek.Monday) from = from.AddDays(1);
        return from;
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTime Now { get; set; } = DateTime.UtcNow;

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}

public sealed class NotificationDigestTestsSqlite() : NotificationDigestTests(DatabaseKind.Sqlite);
public sealed class NotificationDigestTestsMySql() : NotificationDigestTests(DatabaseKind.MySql);
