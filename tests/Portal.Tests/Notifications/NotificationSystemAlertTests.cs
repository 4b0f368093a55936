using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Platform.Data;
using Portal.Platform.Setup;
using Portal.Platform.Email;
using Portal.Platform.Jobs;
using Portal.Platform.Ops.Backup;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>System alerts (notifications.md §3 last row, §4.3): seeded rules route them to the holders of system.health.</summary>
public abstract class NotificationSystemAlertTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task The_system_alert_rules_are_seeded_active_except_backup_succeeded()
    {
        var rules = await App.WithDbAsync(db => db.NotificationRules.AsNoTracking().Include(r => r.Recipients)
            .Where(r => r.IsSystem && r.Module == "system").ToListAsync());
        string[] expected = ["system.backup_failed", "system.backup_warning", "system.backup_succeeded", "system.certificate_expiring",
            "system.certificate_renewal_failed", "system.job_failed", "system.integration_auth_failed", "system.email_failed"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), rules.Select(r => r.Trigger).Order(StringComparer.Ordinal));
        Assert.All(rules, r => Assert.Equal("permission_holders:system.health", Assert.Single(r.Recipients).Dynamic));
        Assert.All(rules, r => Assert.Equal(r.Trigger != "system.backup_succeeded", r.IsActive));
        Assert.All(rules, r => Assert.Equal(r.Trigger != "system.email_failed", r.Channels.HasFlag(NotificationChannels.Email)));
    }

    [Fact]
    public async Task A_failing_backup_notifies_system_health_holders_in_app_and_by_email_and_nobody_else()
    {
        var holder = await Users.CreateAsync(roles: [ReferenceData.AdministratorRoleName]);
        var other = await Users.CreateAsync(roles: ["Colaborador"]);
        var blocker = Path.Combine(App.DataPath, "arquivo-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "não é uma pasta");
        var service = ActivatorUtilities.CreateInstance<BackupService>(App.Services,
            new BackupOptions { Path = Path.Combine(blocker, "backups"), NotifyEmails = [] });

        var run = await service.RunAsync(new BackupRequest("manual", Users.Administrator.Id, "Teste", "web"));

        Assert.Equal(BackupRunStatus.Failed, run.Status);
        var notification = Assert.Single(await OfAsync(App, holder.Id), n => n.EventType == "system.backup_failed" && n.SourceId == run.Id);
        Assert.Equal("Backup falhou", notification.Title);
        Assert.Equal("/admin/backups", notification.Link);
        Assert.DoesNotContain(await OfAsync(App, other.Id), n => n.EventType.StartsWith("system.", StringComparison.Ordinal));
        var mail = await App.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .SingleAsync(m => m.CorrelationType == "notification" && m.CorrelationId == notification.Id.ToString()));
        Assert.Equal(holder.Email, mail.ToAddress);
        Assert.Equal(OutboxStatus.Pending, mail.Status);
    }

    [Fact]
    public async Task A_failing_job_raises_system_job_failed_once_per_hour()
    {
        var holder = await Users.CreateAsync(roles: [ReferenceData.AdministratorRoleName]);
        var key = "test-alert-" + Guid.NewGuid().ToString("N")[..8];
        var job = new JobRegistration(key, JobSchedule.Every(TimeSpan.FromHours(1)), "Tarefa de teste que falha",
            _ => throw new InvalidOperationException("falha proposital"));
        var executor = App.Services.GetRequiredService<JobExecutor>();

        await executor.RunAsync(job, "teste", manual: true, CancellationToken.None);
        await executor.RunAsync(job, "teste", manual: true, CancellationToken.None);

        var alerts = (await OfAsync(App, holder.Id)).Where(n => n.EventType == "system.job_failed" && n.DedupKey.Contains(key, StringComparison.Ordinal)).ToList();
        var alert = Assert.Single(alerts); // the second failure in the same hour is not announced again
        Assert.Contains("Tarefa de teste que falha", alert.Title, StringComparison.Ordinal);
        Assert.Contains("falha proposital", alert.Body, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)] public sealed class NotificationSystemAlertTestsSqlite(SqlitePortal portal) : NotificationSystemAlertTests(portal);
[Collection(MySqlCollection.Name)] public sealed class NotificationSystemAlertTestsMySql(MySqlPortal portal) : NotificationSystemAlertTests(portal);
