using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Notifications;

/// <summary>
/// Resolves the rules of one event into recipients (notifications.md §2 NotificationRule): union of every matching
/// rule's recipients, de-duplicated (the first rule naming a person decides which message they read), the actor left
/// out unless the rule includes them, inactive users skipped, and nobody outside the event's audience.
/// </summary>
public sealed class NotificationRecipients(PortalDb db)
{
    /// <summary>Recipients (with their message) and, among them, those a rule with the E-mail channel named.</summary>
    public sealed record Resolved(IReadOnlyDictionary<long, NotificationMessage> People, IReadOnlySet<long> ByEmail);

    public async Task<IReadOnlyDictionary<long, NotificationMessage>> ResolveAsync(NotificationEvent e, CancellationToken ct = default) =>
        (await ResolveWithChannelsAsync(e, ct)).People;

    public async Task<Resolved> ResolveWithChannelsAsync(NotificationEvent e, CancellationToken ct = default)
    {
        var rules = await db.NotificationRules.AsNoTracking()
            .Where(r => r.IsActive && r.TriggerKind == NotificationTriggerKind.Event && r.Trigger == e.EventType)
            .Include(r => r.Recipients).Include(r => r.Conditions)
            .OrderBy(r => r.Id).AsSplitQuery().ToListAsync(ct);

        var chosen = new Dictionary<long, NotificationMessage>();
        var byEmail = new HashSet<long>();
        foreach (var rule in rules.Where(r => r.Conditions.All(c => c.Matches(e.Facts))))
        {
            var message = e.Messages.GetValueOrDefault(rule.Message ?? NotificationEvent.DefaultMessage)
                ?? e.Messages[NotificationEvent.DefaultMessage];
            foreach (var id in await PeopleAsync(rule, e, ct))
            {
                if (!rule.IncludeActor && id == e.ActorId) continue;
                chosen.TryAdd(id, message);
                if (rule.Channels.HasFlag(NotificationChannels.Email)) byEmail.Add(id);
            }
        }
        if (e.Audience is { } audience) foreach (var id in chosen.Keys.Except(audience).ToList()) chosen.Remove(id);
        if (chosen.Count == 0) return new Resolved(chosen, new HashSet<long>());

        var ids = chosen.Keys.ToList();
        var active = await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
        return new Resolved(active.ToDictionary(id => id, id => chosen[id]), byEmail.Intersect(active).ToHashSet());
    }

    private static readonly NotificationEvent NoEvent = new("", "", NotificationCategory.Sistema, null, null, null,
        new Dictionary<string, NotificationMessage>(), new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string>(), null);

    /// <summary>The people a rule names without an event: its roles, sectors, users and permission holders.</summary>
    public Task<IReadOnlyCollection<long>> StaticPeopleAsync(NotificationRule rule, CancellationToken ct = default) => PeopleAsync(rule, NoEvent, ct);

    /// <summary>Those of <paramref name="ids"/> who are active users.</summary>
    public async Task<IReadOnlyCollection<long>> ActiveAsync(IEnumerable<long> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0 ? [] : await db.Users.Where(u => list.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
    }

    private async Task<IReadOnlyCollection<long>> PeopleAsync(NotificationRule rule, NotificationEvent e, CancellationToken ct)
    {
        var people = new HashSet<long>();
        foreach (var r in rule.Recipients)
        {
            switch (r.Kind)
            {
                case RuleRecipientKind.User when r.TargetId is { } userId:
                    people.Add(userId);
                    break;
                case RuleRecipientKind.Role when r.TargetId is { } roleId:
                    people.UnionWith(await db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync(ct));
                    break;
                case RuleRecipientKind.Sector when r.TargetId is { } sectorId:
                    people.UnionWith(await db.SectorMemberships.Where(m => m.SectorId == sectorId && m.Sector.IsActive)
                        .Select(m => m.UserId).ToListAsync(ct));
                    break;
                case RuleRecipientKind.Dynamic when r.Dynamic is { } name && name.StartsWith(NotificationRuleRecipient.PermissionHolders, StringComparison.Ordinal):
                    people.UnionWith(await PermissionHolders.Of(db, name[NotificationRuleRecipient.PermissionHolders.Length..]).ToListAsync(ct));
                    break;
                case RuleRecipientKind.Dynamic when r.Dynamic is { } name && e.People.TryGetValue(name, out var named):
                    people.UnionWith(named);
                    break;
            }
        }
        return people;
    }
}
