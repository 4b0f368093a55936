using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Time;

namespace Portal.Features.Tasks;

/// <summary>
/// Digest source "tarefas vencendo hoje ou atrasadas" (notifications.md §4.2, tasks.md §10): open tasks due today or
/// earlier. Each item names its assignee, creator and sector members, and carries the same visibility as the task
/// (a private task only to its creator), so a rule aimed at a role never shows anyone a task they could not open.
/// </summary>
public sealed class TaskDigestSource : IDigestSource
{
    public const string SourceKey = "tasks.due_today_or_overdue";

    public string Key => SourceKey;
    public string Label => "Tarefas vencendo hoje ou atrasadas";
    public string Module => "tasks";
    public NotificationCategory Category => NotificationCategory.Tarefas;
    public string Link => "/tarefas/minhas";
    public IReadOnlyList<string> People { get; } = ["assignee", "creator", "sector_members"];
    public IReadOnlyList<string> FactKeys { get; } = ["sectorId", "priority", "isPrivate", "overdue", "hasAssignee"];

    public async Task<IReadOnlyList<DigestItem>> ItemsAsync(IServiceProvider services, DateOnly today, CancellationToken ct)
    {
        var db = services.GetRequiredService<PortalDb>();
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.Status != TaskItemStatus.Done && t.DueDate != null && t.DueDate <= today)
            .OrderBy(t => t.DueDate).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id, t.Title, t.DueDate, t.IsPrivate, t.SectorId, SectorName = t.Sector == null ? null : t.Sector.Name,
                t.AssigneeId, t.CreatorId, t.Priority, Followers = t.Followers.Select(f => f.UserId).ToList(),
            })
            .Take(2000).ToListAsync(ct);
        if (tasks.Count == 0) return [];

        var sectorIds = tasks.Where(t => t.SectorId != null).Select(t => t.SectorId!.Value).Distinct().ToList();
        var members = (await db.SectorMemberships.AsNoTracking().Where(m => sectorIds.Contains(m.SectorId) && m.Sector.IsActive)
                .Select(m => new { m.SectorId, m.UserId }).ToListAsync(ct))
            .GroupBy(m => m.SectorId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<long>)g.Select(m => m.UserId).ToList());
        var viewAll = await PermissionHolders.Of(db, TaskPermissions.ViewAll).ToListAsync(ct);

        return tasks.Select(t =>
        {
            var sectorMembers = t.SectorId is { } s ? members.GetValueOrDefault(s, []) : [];
            IReadOnlyCollection<long> audience = t.IsPrivate
                ? [t.CreatorId]
                : [.. sectorMembers.Concat(viewAll).Concat(t.Followers).Append(t.CreatorId).Concat(t.AssigneeId is { } a ? [a] : []).Distinct()];
            var overdue = t.DueDate < today;
            var text = overdue
                ? $"{t.Title} — atrasada (vencia em {SaoPaulo.FormatDate(t.DueDate)})"
                : $"{t.Title} — vence hoje";
            return new DigestItem(text, $"/tarefas/{t.Id}", t.IsPrivate ? "Somente para mim" : t.SectorName ?? "Sem setor",
                new Dictionary<string, IReadOnlyCollection<long>>
                {
                    ["assignee"] = t.AssigneeId is { } x ? [x] : [],
                    ["creator"] = [t.CreatorId],
                    ["sector_members"] = t.IsPrivate ? [] : sectorMembers,
                },
                new Dictionary<string, string>
                {
                    ["sectorId"] = t.SectorId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    ["priority"] = t.Priority.ToString(),
                    ["isPrivate"] = t.IsPrivate ? "true" : "false",
                    ["overdue"] = overdue ? "true" : "false",
                    ["hasAssignee"] = t.AssigneeId is null ? "false" : "true",
                },
                audience);
        }).ToList();
    }
}
