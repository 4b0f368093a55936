using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Email;

/// <summary>/admin/notificacoes/emails (notifications.md §8) and the e-mail retention (§7) on the shared portal.</summary>
public abstract class OutboxAdminTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Outbox_page_needs_system_health_and_Reenviar_without_it_changes_nothing()
    {
        var id = await AddAsync(OutboxStatus.Failed, DateTime.UtcNow, error: "SmtpCommandException: 554");
        var user = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/notificacoes/emails")).StatusCode);
        var token = await client.TokenFromAsync("/perfil");
        var post = await client.Http.PostAsync($"/admin/notificacoes/emails?handler=Resend&id={id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(OutboxStatus.Failed, await StatusAsync(id));
    }

    [Fact]
    public async Task Outbox_page_lists_recipients_subject_status_attempts_and_error_never_the_body()
    {
        var id = await AddAsync(OutboxStatus.Failed, DateTime.UtcNow, error: "SmtpCommandException: 554 recusado", attempts: 6);
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (response, page) = await admin.GetPageAsync("/admin/notificacoes/emails?situacao=falha");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = page.QuerySelector($"tr[data-email-id='{id}']");
        Assert.NotNull(row);
        Assert.Contains("Falha", row.TextContent);
        Assert.Contains("554 recusado", row.TextContent);
        Assert.Contains("Assunto", row.TextContent);
        Assert.Contains("@teste.local", row.TextContent);
        Assert.Contains(">6<", row.InnerHtml);
        Assert.DoesNotContain("CORPO-SECRETO", page.DocumentElement.OuterHtml);
        Assert.Contains("Envio de e-mail não configurado.", page.Body!.TextContent);

        var resend = await admin.PostFormAsync("/admin/notificacoes/emails", $"/admin/notificacoes/emails?handler=Resend&id={id}", []);
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var after = await App.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal((OutboxStatus.Pending, 0, (string?)null), (after.Status, after.Attempts, after.LastError));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceType == "EmailMessage" && a.ResourceId == id.ToString())));
    }

    [Fact]
    public async Task Outbox_page_paginates_50_per_page()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await App.WithDbAsync(async db =>
        {
            // Newest first: these 55 are the most recent rows, so they fill page 1 and start page 2.
            var future = DateTime.UtcNow.AddYears(5);
            for (var i = 0; i < 55; i++)
                db.OutboxEmails.Add(new OutboxEmail { ToAddress = $"p{i}@{marker}.local", Subject = "Paginação", BodyText = "x", Kind = "test",
                    Status = OutboxStatus.Sent, CreatedAt = future.AddSeconds(i), SentAt = future });
            await db.SaveChangesAsync();
        });
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (_, first) = await admin.GetPageAsync("/admin/notificacoes/emails");
        Assert.Equal(50, first.QuerySelectorAll("tr[data-email-id]").Length);
        var (_, second) = await admin.GetPageAsync("/admin/notificacoes/emails?page=2");
        Assert.Contains($"p0@{marker}.local", second.Body!.TextContent);
        Assert.DoesNotContain($"p0@{marker}.local", first.Body!.TextContent);
        Assert.NotNull(first.QuerySelector("nav[aria-label='Paginação']"));
        await App.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress.EndsWith(marker + ".local")).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task Email_retention_deletes_sent_after_30_days_and_failed_after_90_days()
    {
        var now = DateTime.UtcNow.AddYears(-3); // far from every other test's rows
        var sentOld = await AddAsync(OutboxStatus.Sent, now.AddDays(-40), sentAt: now.AddDays(-31));
        var sentRecent = await AddAsync(OutboxStatus.Sent, now.AddDays(-40), sentAt: now.AddDays(-29));
        var failedOld = await AddAsync(OutboxStatus.Failed, now.AddDays(-91));
        var failedRecent = await AddAsync(OutboxStatus.Failed, now.AddDays(-89));
        var pendingOld = await AddAsync(OutboxStatus.Pending, now.AddDays(-200));

        await App.WithScopeAsync(sp => sp.GetRequiredService<EmailRetention>().PurgeAsync(now));

        var left = await App.WithDbAsync(db => db.OutboxEmails.Where(m => new[] { sentOld, sentRecent, failedOld, failedRecent, pendingOld }.Contains(m.Id))
            .Select(m => m.Id).ToListAsync());
        Assert.Equal(new[] { sentRecent, failedRecent, pendingOld }.Order(), left.Order());
        await App.WithDbAsync(db => db.OutboxEmails.Where(m => left.Contains(m.Id)).ExecuteDeleteAsync());
    }

    private async Task<long> AddAsync(OutboxStatus status, DateTime createdAt, DateTime? sentAt = null, string? error = null, int attempts = 0)
    {
        var email = new OutboxEmail
        {
            ToAddress = $"r{Guid.NewGuid():N}@teste.local", Subject = "Assunto", BodyText = "CORPO-SECRETO", Kind = "test",
            Status = status, CreatedAt = createdAt, SentAt = sentAt, LastError = error, Attempts = attempts,
        };
        await App.WithDbAsync(async db =>
        {
            db.OutboxEmails.Add(email);
            await db.SaveChangesAsync();
        });
        return email.Id;
    }

    private Task<OutboxStatus> StatusAsync(long id) => App.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());
}

[Collection(SqliteCollection.Name)] public sealed class OutboxAdminTestsSqlite(SqlitePortal portal) : OutboxAdminTests(portal);
[Collection(MySqlCollection.Name)] public sealed class OutboxAdminTestsMySql(MySqlPortal portal) : OutboxAdminTests(portal);
