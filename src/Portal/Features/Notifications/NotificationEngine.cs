using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Realtime;

namespace Portal.Features.Notifications;

/// <summary>
/// Immediate rules (notifications.md §4.1): resolve the recipients, insert one notification each under the event's
/// dedup key, then push each recipient a <c>notification</c> message with their new unread count. Runs after the
/// business change is committed (domain events are dispatched after commit), so a failure here never undoes it.
/// </summary>
public sealed class NotificationEngine(PortalDb db, NotificationRecipients recipients, RealtimePublisher realtime, EmailOutbox outbox,
    BrandedEmail branded, TimeProvider clock, ILogger<NotificationEngine> logger) : INotificationPublisher
{
    public const string RealtimeType = "notification";

    public async Task<int> PublishAsync(NotificationEvent notificationEvent, CancellationToken ct = default)
    {
        var e = notificationEvent;
        var (chosen, byEmail) = await recipients.ResolveWithChannelsAsync(e, ct);
        return await DeliverAsync(e, chosen, byEmail, null, ct);
    }

    /// <summary>
    /// Delivers to people already chosen (by the rules, a digest or a rule test): one notification each under the
    /// event's dedup key, the realtime push, and an outbox e-mail to those in <paramref name="byEmail"/> —
    /// <paramref name="emailContent"/> overrides the e-mail's content per person (a digest lists every item with its link).
    /// </summary>
    public async Task<int> DeliverAsync(NotificationEvent e, IReadOnlyDictionary<long, NotificationMessage> chosen, IReadOnlySet<long> byEmail,
        IReadOnlyDictionary<long, EmailContent>? emailContent, CancellationToken ct = default)
    {
        if (chosen.Count == 0) return 0;

        var key = Clip($"{e.EventType}:{e.EventKey}", Notification.DedupKeyMax);
        var ids = chosen.Keys.ToList();
        var already = await db.Notifications.Where(n => n.DedupKey == key && ids.Contains(n.RecipientId)).Select(n => n.RecipientId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = chosen.Where(c => !already.Contains(c.Key)).Select(c => New(e, key, c.Key, c.Value, now)).ToList();
        if (created.Count == 0) return 0;

        var preferences = await PreferencesAsync(created.Select(n => n.RecipientId), e.Category, ct);
        foreach (var n in created)
            if (preferences.GetValueOrDefault(n.RecipientId) is { InApp: false } && !NotificationPreference.InAppMandatory(e.Category))
                n.ReadAt = n.CreatedAt; // in the portal switched off: recorded (dedup, e-mail, history) but no bell, no toast
        created = await InsertAsync(created, ct);
        await PushAsync(created.Where(n => n.ReadAt is null).ToList(), ct);
        var mailTo = byEmail.Where(id => preferences.GetValueOrDefault(id) is not ({ Email: false } or { EmailDigest: true })).ToHashSet();
        await EmailAsync(created.Where(n => mailTo.Contains(n.RecipientId)).ToList(), emailContent, ct);
        return created.Count;
    }

    /// <summary>
    /// The E-mail channel (notifications.md §6): one outbox message per new notification of a rule with that channel,
    /// queued after the in-app row exists — so a retry never mails twice — and sent later by the outbox job; without
    /// SMTP it stays queued (NTF-08). Never fails the publisher: the in-app notification already stands.
    /// </summary>
    private async Task EmailAsync(List<Notification> rows, IReadOnlyDictionary<long, EmailContent>? emailContent, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        try
        {
            var render = await branded.RendererAsync(ct);
            var ids = rows.Select(r => r.RecipientId).ToList();
            var addresses = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
            foreach (var n in rows)
            {
                if (addresses.GetValueOrDefault(n.RecipientId) is not { Length: > 0 } to || !Platform.Validation.Validators.IsEmail(to)) continue;
                var mail = render(emailContent?.GetValueOrDefault(n.RecipientId) ?? Content(n));
                outbox.Enqueue([to], n.Title, mail.Text, "notification", mail.Html, correlationType: "notification",
                    correlationId: n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or ArgumentException)
        {
            logger.LogWarning(ex, "Falha ao enfileirar e-mails de notificação");
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>An immediate notification's e-mail: its title, its text and a button to where a click in the portal goes.</summary>
    public static EmailContent Content(Notification n) => new(n.Title, n.Body.Length > 0 ? [n.Body] : [], null, new EmailLine("Abrir no portal", n.Link));

    /// <summary>
    /// Each person's choice for this category on their profile (NTF-15): e-mail off or gathered in the daily e-mail
    /// means no e-mail now; in the portal off means the notification arrives already read.
    /// </summary>
    private async Task<Dictionary<long, NotificationPreference>> PreferencesAsync(IEnumerable<long> people, NotificationCategory category, CancellationToken ct)
    {
        var ids = people.Distinct().ToList();
        return await db.NotificationPreferences.AsNoTracking().Where(p => ids.Contains(p.UserId) && p.Category == category)
            .ToDictionaryAsync(p => p.UserId, ct);
    }

    public async Task RemoveForSourcesAsync(string sourceType, IReadOnlyCollection<long> sourceIds, CancellationToken ct = default)
    {
        var ids = sourceIds.ToList();
        if (ids.Count == 0) return;
        await db.Notifications.Where(n => n.SourceType == sourceType && n.SourceId != null && ids.Contains(n.SourceId.Value)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// All at once; if the same occurrence is being processed concurrently the unique (recipient, key) index refuses
    /// the batch — then one by one, each duplicate simply skipped (NTF-02).
    /// </summary>
    private async Task<List<Notification>> InsertAsync(List<Notification> rows, CancellationToken ct)
    {
        db.Notifications.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
            return rows;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var inserted = new List<Notification>();
        foreach (var row in rows)
        {
            row.Id = 0;
            db.Notifications.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                inserted.Add(row);
            }
            catch (DbUpdateException)
            {
                logger.LogDebug("Notificação {Key} já existia para o usuário {User}", row.DedupKey, row.RecipientId);
            }
            db.ChangeTracker.Clear();
        }
        return inserted;
    }

    private async Task PushAsync(List<Notification> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.RecipientId).ToList();
        var unread = await db.Notifications.Where(n => ids.Contains(n.RecipientId) && n.ReadAt == null)
            .GroupBy(n => n.RecipientId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var messages = rows.Select(n => new RealtimeMessage(RealtimeType, JsonSerializer.Serialize(new
        {
            id = n.Id, title = n.Title, body = n.Body, link = n.Link, category = n.Category.ToString(), createdAt = n.CreatedAt,
            unreadCount = unread.GetValueOrDefault(n.RecipientId),
        }), [n.RecipientId])).ToList();
        await realtime.PublishAsync(messages, ct);
    }

    private static Notification New(NotificationEvent e, string key, long recipientId, NotificationMessage m, DateTime now) => new()
    {
        RecipientId = recipientId, EventType = Clip(e.EventType, Notification.EventTypeMax), Category = e.Category,
        Title = Clip(m.Title, Notification.TitleMax), Body = Clip(m.Body, Notification.BodyMax),
        Link = m.Link.Length <= Notification.LinkMax && m.Link.StartsWith('/') ? m.Link : "/notificacoes",
        SourceType = e.SourceType, SourceId = e.SourceId, DedupKey = key, CreatedAt = now,
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
