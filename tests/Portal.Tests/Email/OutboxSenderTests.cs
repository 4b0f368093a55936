using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Jobs;
using Portal.Platform.Settings;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Email;

/// <summary>
/// The outbox sender against a real SMTP conversation (notifications.md §6, NTF-08, NTF-09). Each test runs its own
/// portal with the scheduler off and a movable clock, and drives the "email-outbox" job by hand.
/// </summary>
public abstract class OutboxSenderTests(DatabaseKind provider)
{
    [Fact]
    public async Task NTF08_without_smtp_the_email_stays_pending_is_listed_fails_after_24h_and_is_never_sent_later()
    {
        var (app, users, clock) = await StartAsync();
        await using var _ = app;
        await using var smtp = new FakeSmtpServer();
        var user = await users.CreateAsync();
        using (var anonymous = app.NewClient())
            await anonymous.PostFormAsync("/esqueci-senha", ("Email", user.Email));

        var queued = await EmailToAsync(app, user.Email);
        Assert.Equal(OutboxStatus.Pending, queued.Status);
        Assert.Equal(0, queued.Attempts);

        Assert.Equal(JobRunStatus.Succeeded, (await RunOutboxAsync(app)).Status);
        Assert.Equal(0, (await EmailToAsync(app, user.Email)).Attempts); // never attempted

        using (var admin = await users.LoginAsync(users.Administrator))
        {
            var (response, page) = await admin.GetPageAsync("/admin/notificacoes/emails");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Envio de e-mail não configurado.", page.Body!.TextContent);
            var row = page.QuerySelector($"tr[data-email-id='{queued.Id}']");
            Assert.NotNull(row);
            Assert.Contains(user.Email, row.TextContent);
            Assert.Contains("Pendente", row.TextContent);
            Assert.DoesNotContain("redefinir-senha?token=", page.DocumentElement.OuterHtml); // never the body
        }

        clock.Advance(TimeSpan.FromHours(23));
        await RunOutboxAsync(app);
        Assert.Equal(OutboxStatus.Pending, (await EmailToAsync(app, user.Email)).Status);

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await RunOutboxAsync(app);
        var expired = await EmailToAsync(app, user.Email);
        Assert.Equal(OutboxStatus.Failed, expired.Status);
        Assert.Equal(OutboxSender.NotConfiguredError, expired.LastError);
        Assert.Equal(0, expired.Attempts);

        await ConfigureSmtpAsync(app, smtp.Port);
        clock.Advance(TimeSpan.FromMinutes(5));
        await RunOutboxAsync(app);
        Assert.Equal(OutboxStatus.Failed, (await EmailToAsync(app, user.Email)).Status);
        Assert.Equal(0, smtp.Connections);
    }

    [Fact]
    public async Task NTF09_an_smtp_server_refusing_twice_gets_the_email_on_the_third_attempt()
    {
        var (app, users, clock) = await StartAsync();
        await using var _ = app;
        await using var smtp = new FakeSmtpServer(refuseFirst: 2);
        await ConfigureSmtpAsync(app, smtp.Port);
        var user = await users.CreateAsync();
        using (var anonymous = app.NewClient())
            await anonymous.PostFormAsync("/esqueci-senha", ("Email", user.Email));

        // The business change (reset token + audit entry) is committed, and nothing was attempted inside the request.
        Assert.True(await app.WithDbAsync(db => db.PasswordResetTokens.AnyAsync(t => t.UserId == user.Id && t.UsedAt == null)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "password_reset_requested" && a.ResourceId == user.Id.ToString())));
        Assert.Equal(0, smtp.Connections);
        Assert.Equal(0, (await EmailToAsync(app, user.Email)).Attempts);

        var t0 = clock.UtcNow;
        await RunOutboxAsync(app);
        var first = await EmailToAsync(app, user.Email);
        Assert.Equal((OutboxStatus.Pending, 1), (first.Status, first.Attempts));
        Assert.NotNull(first.LastError);
        Assert.InRange(first.NextAttemptAt!.Value, t0.AddMinutes(1).AddSeconds(-5), t0.AddMinutes(1).AddSeconds(5));

        await RunOutboxAsync(app); // not due yet
        Assert.Equal(1, smtp.Connections);

        clock.Advance(TimeSpan.FromMinutes(1));
        await RunOutboxAsync(app);
        var second = await EmailToAsync(app, user.Email);
        Assert.Equal((OutboxStatus.Pending, 2), (second.Status, second.Attempts));

        clock.Advance(TimeSpan.FromMinutes(5));
        await RunOutboxAsync(app);
        var sent = await EmailToAsync(app, user.Email);
        Assert.Equal((OutboxStatus.Sent, 3), (sent.Status, sent.Attempts));
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
        var received = Assert.Single(smtp.Messages);
        Assert.Equal([user.Email], received.To);
        Assert.Contains("redefinir-senha?token=", received.Data.Replace("=\r\n", "").Replace("=3D", "="));
        Assert.Equal(3, smtp.Connections);
    }

    [Fact]
    public async Task Retries_follow_1_5_15_60_240_minutes_then_fail_and_Reenviar_sends_it_again()
    {
        var (app, users, clock) = await StartAsync();
        await using var _ = app;
        await using var smtp = new FakeSmtpServer(refuseFirst: int.MaxValue);
        await ConfigureSmtpAsync(app, smtp.Port);
        var to = new[] { $"a{Guid.NewGuid():N}@teste.local", $"b{Guid.NewGuid():N}@teste.local" };
        long id = 0;
        await app.WithScopeAsync(async sp =>
        {
            var message = sp.GetRequiredService<EmailOutbox>().Enqueue(to, "Aviso de teste", "Corpo", "test", "<p>Corpo</p>", "Test", "42");
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
            id = message.Id;
        });

        await RunOutboxAsync(app);
        foreach (var (delay, attempt) in OutboxSender.RetryDelays.Select((d, i) => (d, i + 1)))
        {
            var before = await app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Id == id));
            Assert.Equal((OutboxStatus.Pending, attempt), (before.Status, before.Attempts));
            Assert.InRange(before.NextAttemptAt!.Value - clock.UtcNow, delay - TimeSpan.FromSeconds(5), delay + TimeSpan.FromSeconds(5));
            clock.Advance(delay - TimeSpan.FromSeconds(30));
            await RunOutboxAsync(app); // a little early: nothing happens
            Assert.Equal(attempt, smtp.Connections);
            clock.Advance(TimeSpan.FromSeconds(31));
            await RunOutboxAsync(app);
        }
        var failed = await app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal((OutboxStatus.Failed, 6), (failed.Status, failed.Attempts));
        Assert.Contains("Servidor de teste recusando", failed.LastError);
        Assert.Equal(("Test", "42"), (failed.CorrelationType, failed.CorrelationId));
        // system.email_failed (notifications.md §6) reaches the holders of system.health, in-app only.
        var alert = Assert.Single(await app.WithDbAsync(db => db.Set<Portal.Features.Notifications.Notification>().AsNoTracking()
            .Where(n => n.RecipientId == users.Administrator.Id && n.EventType == "system.email_failed").ToListAsync()));
        Assert.Contains("Aviso de teste", alert.Body, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.OutboxEmails.AnyAsync(m => m.CorrelationType == "notification" && m.CorrelationId == alert.Id.ToString())));
        clock.Advance(TimeSpan.FromDays(1));
        await RunOutboxAsync(app);
        Assert.Equal(6, smtp.Connections); // Failed is final

        smtp.RefuseFirst = 0;
        using var admin = await users.LoginAsync(users.Administrator);
        var resend = await admin.PostFormAsync("/admin/notificacoes/emails", $"/admin/notificacoes/emails?handler=Resend&id={id}", []);
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        Assert.Equal((OutboxStatus.Pending, 0), await app.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == id).Select(m => ValueTuple.Create(m.Status, m.Attempts)).SingleAsync()));
        await RunOutboxAsync(app);
        Assert.Equal(OutboxStatus.Sent, await app.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
        var received = Assert.Single(smtp.Messages);
        Assert.Equal(to, received.To);
    }

    [Fact]
    public async Task Enviar_email_de_teste_sends_now_to_the_administrator_with_the_saved_settings()
    {
        var (app, users, _) = await StartAsync();
        await using var __ = app;
        await using var smtp = new FakeSmtpServer();
        using var admin = await users.LoginAsync(users.Administrator);
        var (_, before) = await admin.GetPageAsync("/admin/configuracoes");
        Assert.DoesNotContain("Enviar e-mail de teste", before.Body!.TextContent); // only once SMTP is saved

        await ConfigureSmtpAsync(app, smtp.Port);
        var png = await UploadLogoAsync(admin);
        var (_, page) = await admin.GetPageAsync("/admin/configuracoes");
        Assert.Contains("Enviar e-mail de teste", page.Body!.TextContent);
        var response = await admin.PostFormAsync("/admin/configuracoes", "/admin/configuracoes?handler=SmtpTest", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var received = Assert.Single(smtp.Messages);
        Assert.Equal([users.Administrator.Email], received.To);
        using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data));
        var mime = await MimeKit.MimeMessage.LoadAsync(data);
        Assert.IsType<MimeKit.MultipartAlternative>(mime.Body); // branded HTML plus the plain-text alternative
        Assert.Contains("e-mail de teste do portal", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("e-mail de teste do portal", mime.HtmlBody, StringComparison.Ordinal);
        // The firm's logo travels inside the message (cid:), never as a remote image the reader's client would fetch.
        Assert.Contains("src=\"cid:firm-logo\"", mime.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/marca/logo", mime.HtmlBody, StringComparison.Ordinal);
        var logo = Assert.Single(mime.BodyParts.OfType<MimeKit.MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.Equal("firm-logo", logo.ContentId);
        using var logoBytes = new MemoryStream();
        await logo.Content!.DecodeToAsync(logoBytes);
        Assert.Equal(png, logoBytes.ToArray());
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Kind == "smtp_test")));
    }

    private static async Task<byte[]> UploadLogoAsync(TestClient admin)
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var token = await admin.TokenFromAsync("/admin/configuracoes");
        using var file = new ByteArrayContent(png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Escritório Modelo"), "Branding.FirmName" },
            { new StringContent("#0b288b"), "Branding.PrimaryColor" },
            { file, "Branding.Logo", "logo.png" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.PostAsync("/admin/configuracoes?handler=Branding", form)).StatusCode);
        return png;
    }

    private async Task<(PortalApp, TestUsers, OffsetClock)> StartAsync()
    {
        var clock = new OffsetClock();
        var app = await PortalApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" },
            s => s.AddSingleton<TimeProvider>(clock));
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        return (app, users, clock);
    }

    private static Task ConfigureSmtpAsync(PortalApp app, int port) => app.WithScopeAsync(async sp =>
    {
        var settings = sp.GetRequiredService<SettingsService>();
        await settings.StageAsync(new Dictionary<string, string?>
        {
            [SettingKeys.SmtpHost] = "127.0.0.1", [SettingKeys.SmtpPort] = port.ToString(), [SettingKeys.SmtpSecurity] = "none",
            [SettingKeys.SmtpFrom] = "portal@teste.local", [SettingKeys.SmtpFromName] = "Portal de teste",
        }, null);
        await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
        settings.Invalidate();
    });

    private static Task<JobRun> RunOutboxAsync(PortalApp app)
    {
        var job = app.Services.GetRequiredService<JobCatalog>().Find(EmailModule.OutboxJob)!;
        return app.Services.GetRequiredService<JobExecutor>().RunAsync(job, "test", manual: true, CancellationToken.None);
    }

    private static Task<OutboxEmail> EmailToAsync(PortalApp app, string to) =>
        app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.ToAddress == to));
}

public sealed class OutboxSenderTestsSqlite() : OutboxSenderTests(DatabaseKind.Sqlite);
public sealed class OutboxSenderTestsMySql() : OutboxSenderTests(DatabaseKind.MySql);
