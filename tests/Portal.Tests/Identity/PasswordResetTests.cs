using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Account;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Settings;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>"Esqueci minha senha" (identity.md §8.3): IDN-16, IDN-23.</summary>
public abstract partial class PasswordResetTests(SharedPortal portal) : IntegrationTest(portal)
{
    [GeneratedRegex(@"/redefinir-senha\?token=([0-9a-f]{64})")]
    private static partial Regex LinkPattern();

    private static async Task<string> RequestResetAsync(TestClient client, string email)
    {
        var response = await client.PostFormAsync("/esqueci-senha", ("Email", email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_and_known_email_get_the_same_answer_and_only_the_known_one_queues_an_email()
    {
        var user = await Users.CreateAsync();
        using var client = App.NewClient();
        var unknownEmail = "naoexiste-" + user.Username + "@teste.local";
        var unknown = await RequestResetAsync(client, unknownEmail);
        var known = await RequestResetAsync(client, user.Email);
        Assert.Contains(PasswordResetService.RequestedMessage, unknown);
        Assert.Contains(PasswordResetService.RequestedMessage, known);

        var queued = await App.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress == user.Email || m.ToAddress == unknownEmail).ToListAsync());
        var message = Assert.Single(queued);
        Assert.Equal(user.Email, message.ToAddress);
        Assert.Equal(OutboxStatus.Pending, message.Status); // no SMTP: stays queued, never sent
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "password_reset_requested" && a.ResourceId == user.Id.ToString())));
    }

    [Fact]
    public async Task Without_smtp_the_link_is_logged_once_and_works_once()
    {
        var user = await Users.CreateAsync();
        using var client = App.NewClient();
        await RequestResetAsync(client, user.Email);

        var emailBody = await App.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress == user.Email).Select(m => m.BodyText).SingleAsync());
        var token = LinkPattern().Match(emailBody).Groups[1].Value;
        var textLog = App.ReadLogs(".log");
        Assert.True(textLog.Contains(token, StringComparison.Ordinal), $"token {token} not in log: {string.Join("\n", textLog.Split('\n').Where(l => l.Contains("SMTP")))}");
        Assert.Single(LinkPattern().Matches(textLog), m => m.Groups[1].Value == token);
        Assert.Contains($"SMTP não configurado — link de redefinição para {user.Email}", textLog);

        var (page, doc) = await client.GetPageAsync($"/redefinir-senha?token={token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(doc.QuerySelector("input[name=Password]"));
        var weak = await client.PostFormAsync($"/redefinir-senha?token={token}", ("Token", token), ("Password", "password1234"), ("Confirmation", "password1234"));
        Assert.Contains("Senha muito comum. Escolha outra.", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()));

        const string newPassword = "frase nova para redefinir 2026";
        var ok = await client.PostFormAsync($"/redefinir-senha?token={token}", ("Token", token), ("Password", newPassword), ("Confirmation", newPassword));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await App.NewClient().LoginAsync(user.Email, newPassword)).StatusCode);

        // Single use.
        var again = await client.PostFormAsync($"/redefinir-senha?token={token}", ("Token", token), ("Password", newPassword + "x"), ("Confirmation", newPassword + "x"));
        Assert.Contains(PasswordResetService.InvalidLinkMessage, WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Reset_link_expires_after_30_minutes_and_reset_ends_all_sessions()
    {
        var user = await Users.CreateAsync();
        using var signedIn = await Users.LoginAsync(user);
        using var client = App.NewClient();
        await RequestResetAsync(client, user.Email);
        var body = await App.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress == user.Email).Select(m => m.BodyText).SingleAsync());
        var token = LinkPattern().Match(body).Groups[1].Value;

        var expired = DateTime.UtcNow.AddMinutes(-31);
        await App.WithDbAsync(db => db.PasswordResetTokens.Where(t => t.UserId == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, expired.AddMinutes(30))));
        var (_, doc) = await client.GetPageAsync($"/redefinir-senha?token={token}");
        Assert.Contains(PasswordResetService.InvalidLinkMessage, doc.Body!.TextContent);

        // A fresh link works and ends the existing session.
        await RequestResetAsync(client, user.Email);
        body = await App.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress == user.Email).OrderByDescending(m => m.Id).Select(m => m.BodyText).FirstAsync());
        token = LinkPattern().Match(body).Groups[1].Value;
        const string newPassword = "outra frase de redefinição 99";
        var ok = await client.PostFormAsync($"/redefinir-senha?token={token}", ("Token", token), ("Password", newPassword), ("Confirmation", newPassword));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task More_than_three_requests_per_account_in_15_minutes_send_nothing_more()
    {
        var user = await Users.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            using var client = App.NewClient();
            Assert.Contains(PasswordResetService.RequestedMessage, await RequestResetAsync(client, user.Email));
        }
        Assert.Equal(3, await App.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.ToAddress == user.Email)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasswordResetTestsSqlite(SqlitePortal portal) : PasswordResetTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class PasswordResetTestsMySql(MySqlPortal portal) : PasswordResetTests(portal);

/// <summary>IDN-23, SMTP configured: the link is only in the e-mail, never in the log.</summary>
public sealed class PasswordResetWithSmtpTests
{
    [Fact]
    public async Task With_smtp_configured_the_link_is_not_logged()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        await app.WithScopeAsync(async sp =>
        {
            var settings = sp.GetRequiredService<SettingsService>();
            await settings.StageAsync(new Dictionary<string, string?> { [SettingKeys.SmtpHost] = "127.0.0.1", [SettingKeys.SmtpFrom] = "portal@teste.local" }, null);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
            settings.Invalidate();
        });
        var user = await users.CreateAsync();
        using var client = app.NewClient();
        await client.PostFormAsync("/esqueci-senha", ("Email", user.Email));

        var body = await app.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress == user.Email).Select(m => m.BodyText).SingleAsync());
        Assert.Contains("/redefinir-senha?token=", body);
        Assert.DoesNotContain("/redefinir-senha?token=", app.ReadLogs());
    }
}
