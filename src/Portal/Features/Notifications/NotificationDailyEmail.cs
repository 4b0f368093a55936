using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Time;
using Portal.Platform.Validation;

namespace Portal.Features.Notifications;

/// <summary>
/// "Resumo diário por e-mail" (notifications.md §10, NTF-15): people who chose it for a category get, at 18:00 São Paulo,
/// one e-mail listing that category's notifications of the last 24 hours they have not read yet — instead of one e-mail
/// each. Run by the every-minute digest job: from 18:00 on, each person's e-mail of the day is queued once (the outbox
/// row, correlated by person and date, is the proof); if the portal was down at 18:00 it goes out when it is back,
/// the same day only.
/// </summary>
public sealed class NotificationDailyEmail(PortalDb db, EmailOutbox outbox, BrandedEmail branded, ILogger<NotificationDailyEmail> log)
{
    public static readonly TimeOnly At = new(18, 0);
    public const string CorrelationType = "notification_daily";
    public const string Kind = "notification_daily";

    /// <returns>How many daily e-mails were queued.</returns>
    public async Task<int> RunDueAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var local = SaoPaulo.FromUtc(nowUtc);
        if (TimeOnly.FromDateTime(local) < At) return 0;
        var today = DateOnly.FromDateTime(local);
        var choices = await db.NotificationPreferences.AsNoTracking().Where(p => p.EmailDigest)
            .Select(p => new { p.UserId, p.Category }).ToListAsync(ct);
        if (choices.Count == 0) return 0;

        var stamp = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var people = choices.Select(c => c.UserId).Distinct().ToList();
        var correlations = people.Select(id => Correlation(id, stamp)).ToList();
        var done = (await db.OutboxEmails.AsNoTracking()
            .Where(m => m.CorrelationType == CorrelationType && correlations.Contains(m.CorrelationId!)).Select(m => m.CorrelationId!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        people = [.. people.Where(id => !done.Contains(Correlation(id, stamp)))];
        if (people.Count == 0) return 0;

        var to = SaoPaulo.ToUtc(today.ToDateTime(At));
        var from = to.AddDays(-1);
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id) && u.IsActive).Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        // Unread, or recorded already read because in the portal is switched off for the category (ReadAt == CreatedAt):
        // this e-mail is then the only place the person sees it.
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => people.Contains(n.RecipientId) && n.CreatedAt > from && n.CreatedAt <= to && (n.ReadAt == null || n.ReadAt == n.CreatedAt))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var chosen = choices.Select(c => (c.UserId, c.Category)).ToHashSet();

        var render = await branded.RendererAsync(ct);
        var queued = 0;
        foreach (var person in people)
        {
            if (users.GetValueOrDefault(person) is not { Length: > 0 } address || !Validators.IsEmail(address)) continue;
            var mine = rows.Where(n => n.RecipientId == person && chosen.Contains((person, n.Category))).ToList();
            if (mine.Count == 0) continue;
            var mail = render(Content(today, mine));
            outbox.Enqueue([address], $"Resumo diário: {Count(mine.Count)}", mail.Text, Kind, mail.Html, CorrelationType, Correlation(person, stamp));
            queued++;
        }
        if (queued > 0) await db.SaveChangesAsync(ct);
        if (queued > 0) log.LogInformation("Resumo diário de notificações enfileirado para {Count} pessoas", queued);
        return queued;
    }

    private static string Correlation(long userId, string stamp) => $"{userId.ToString(CultureInfo.InvariantCulture)}:{stamp}";

    private static string Count(int n) => n == 1 ? "1 notificação" : $"{n} notificações";

    private static EmailContent Content(DateOnly today, List<Notification> items) => new(
        $"Resumo diário de notificações — {SaoPaulo.FormatDate(today)}",
        [items.Count == 1 ? "Você tem 1 notificação não lida nas categorias em que escolheu o resumo diário."
            : $"Você tem {items.Count} notificações não lidas nas categorias em que escolheu o resumo diário."],
        [.. items.GroupBy(n => n.Category).OrderBy(g => g.Key)
            .Select(g => new EmailGroup(NotificationLabels.Category(g.Key), [.. g.Select(n => new EmailLine(n.Title, n.Link))]))],
        new EmailLine("Ver todas as notificações", "/notificacoes"));
}
