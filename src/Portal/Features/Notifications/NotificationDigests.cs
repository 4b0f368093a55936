using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Time;

namespace Portal.Features.Notifications;

/// <summary>
/// Digest rules (notifications.md §4.2): every minute the job looks for active digest rules whose time (São Paulo) has
/// come today and that have no <see cref="DigestRun"/> for today; each runs its source once, sends one message per
/// recipient listing that person's items, and records the run. The day is claimed before anything is sent, so a digest
/// never goes out twice a day; a digest missed while the portal was down goes out at start-up the same day only,
/// because only today's run is ever looked at.
/// </summary>
public sealed class NotificationDigests(PortalDb db, IEnumerable<IDigestSource> sources, NotificationRecipients recipients,
    NotificationEngine engine, IServiceProvider services, ILogger<NotificationDigests> log)
{
    public const string JobKey = "notification-digests";
    public const string EventPrefix = "digest.";

    public IReadOnlyList<IDigestSource> Sources { get; } = [.. sources.OrderBy(s => s.Label, StringComparer.Ordinal)];

    public IDigestSource? Source(string key) => Sources.FirstOrDefault(s => s.Key == key);

    /// <returns>How many digest messages were created.</returns>
    public async Task<int> RunDueAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var local = SaoPaulo.FromUtc(nowUtc);
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var runs = db.DigestRuns; // C# 14 extension members cannot appear inside expression trees
        var rules = await db.NotificationRules.AsNoTracking()
            .Where(r => r.IsActive && r.TriggerKind == NotificationTriggerKind.Digest && r.DigestTime != null)
            .Where(r => !runs.Any(d => d.RuleId == r.Id && d.RunDate == today))
            .Include(r => r.Recipients).Include(r => r.Conditions).AsSplitQuery().OrderBy(r => r.Id).ToListAsync(ct);

        var sent = 0;
        foreach (var rule in rules.Where(r => r.DigestTime <= time && !(r.BusinessDaysOnly && weekend)))
        {
            if (Source(rule.Trigger) is not { } source)
            {
                log.LogWarning("Regra de resumo {Rule} usa a fonte desconhecida {Source}", rule.Id, rule.Trigger);
                continue;
            }
            var items = await ItemsAsync(rule, source, today, ct);
            var plan = await PlanAsync(rule, items, ct);
            db.DigestRuns.Add(new DigestRun { RuleId = rule.Id, RunDate = today, SentAt = nowUtc, ItemCount = items.Count, RecipientCount = plan.Count });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another run claimed this day first
                continue;
            }
            if (plan.Count > 0) sent += await SendAsync(rule, source, today, plan, ct);
        }
        return sent;
    }

    /// <summary>The source's items of today that pass the rule's conditions.</summary>
    public async Task<IReadOnlyList<DigestItem>> ItemsAsync(NotificationRule rule, IDigestSource source, DateOnly today, CancellationToken ct) =>
        [.. (await source.ItemsAsync(services, today, ct)).Where(i => rule.Conditions.All(c => c.Matches(i.Facts)))];

    /// <summary>
    /// Who gets which items: people named by the rule's roles, sectors, users or permission get every item they may see;
    /// dynamic entries (assignee, sector members…) get the items that name them. Inactive users get nothing.
    /// </summary>
    public async Task<Dictionary<long, List<DigestItem>>> PlanAsync(NotificationRule rule, IReadOnlyList<DigestItem> items, CancellationToken ct)
    {
        var plan = new Dictionary<long, List<DigestItem>>();
        if (items.Count == 0) return plan;
        void Give(long person, DigestItem item)
        {
            if (item.Audience is { } audience && !audience.Contains(person)) return;
            if (!plan.TryGetValue(person, out var list)) plan[person] = list = [];
            if (!list.Contains(item)) list.Add(item);
        }
        foreach (var person in await recipients.StaticPeopleAsync(rule, ct))
            foreach (var item in items) Give(person, item);
        var names = rule.Recipients.Where(r => r.Kind == RuleRecipientKind.Dynamic && r.Dynamic is { } d
            && !d.StartsWith(NotificationRuleRecipient.PermissionHolders, StringComparison.Ordinal)).Select(r => r.Dynamic!).ToList();
        foreach (var item in items)
            foreach (var name in names)
                foreach (var person in item.People.GetValueOrDefault(name, []))
                    Give(person, item);

        var active = await recipients.ActiveAsync(plan.Keys, ct);
        foreach (var id in plan.Keys.Except(active).ToList()) plan.Remove(id);
        var order = items.Select((item, index) => (item, index)).ToDictionary(x => x.item, x => x.index);
        foreach (var list in plan.Values) list.Sort((a, b) => order[a].CompareTo(order[b]));
        return plan;
    }

    /// <summary>Sends the digest of <paramref name="plan"/>; <paramref name="keySuffix"/> distinguishes a test send from the real one.</summary>
    public Task<int> SendAsync(NotificationRule rule, IDigestSource source, DateOnly today, Dictionary<long, List<DigestItem>> plan,
        CancellationToken ct, string keySuffix = "")
    {
        var messages = plan.ToDictionary(p => p.Key, p => Message(source, today, p.Value));
        var byEmail = rule.Channels.HasFlag(NotificationChannels.Email) ? plan.Keys.ToHashSet() : [];
        var emailContent = plan.ToDictionary(p => p.Key, p => EmailContent(source, today, p.Value));
        var e = new NotificationEvent(EventPrefix + source.Key, $"{rule.Id}:{today:yyyyMMdd}{keySuffix}", source.Category, null, "NotificationRule", rule.Id,
            new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = Message(source, today, []) },
            new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string>(), null);
        return engine.DeliverAsync(e, messages, byEmail, emailContent, ct);
    }

    private static NotificationMessage Message(IDigestSource source, DateOnly today, IReadOnlyList<DigestItem> items)
    {
        var title = $"Resumo de {today.ToString("dd/MM", CultureInfo.InvariantCulture)}: {source.Label} ({items.Count})";
        var body = string.Join("\n", items.Select(i => "• " + i.Text));
        return new NotificationMessage(title, body, source.Link);
    }

    /// <summary>The digest e-mail: the items grouped as the source defines, each linking to its record.</summary>
    private static EmailContent EmailContent(IDigestSource source, DateOnly today, IReadOnlyList<DigestItem> items) => new(
        $"{source.Label} — {SaoPaulo.FormatDate(today)}",
        [items.Count == 1 ? "1 item hoje:" : $"{items.Count} itens hoje:"],
        [.. items.GroupBy(i => i.Group ?? "").Select(g => new EmailGroup(g.Key, [.. g.Select(i => new EmailLine(i.Text, i.Link))]))],
        new EmailLine("Abrir no portal", source.Link));
}
