using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Tasks;

/// <summary>
/// "Tarefas abertas" of the client record (clients.md §8): open tasks linked to the client that the viewer may see
/// (<see cref="TaskAccess.VisibleTo"/>, the same policy as boards and the API), earliest due date first. Cached under
/// the tasks stamp per viewer, so a task change shows at once while the record itself stays cached under the clients stamp.
/// </summary>
public sealed class TaskClientTasks(PortalDb db, CurrentUser user, TaskReadCache cache) : IClientTasks
{
    public async Task<ClientOpenTasks> OpenAsync(long clientId, int take, CancellationToken ct = default)
    {
        var viewer = await TaskViewer.LoadAsync(user, ct);
        if (!viewer.Access) return ClientOpenTasks.Hidden;
        return await cache.GetOrCreateAsync(cache.Stamped($"client-open:{TaskReadCache.ViewerKey(viewer)}:{clientId}:{take}"), async () =>
        {
            var query = db.Tasks.AsNoTracking().Where(t => t.ClientId == clientId && t.Status != TaskItemStatus.Done).VisibleTo(viewer);
            var total = await query.CountAsync(CancellationToken.None);
            var rows = total == 0 ? [] : await query.OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.Id).Take(take)
                .Select(t => new { t.Id, t.Title, t.Status, t.DueDate, Assignee = t.Assignee == null ? null : t.Assignee.FullName, t.IsPrivate })
                .ToListAsync(CancellationToken.None);
            var items = rows.Select(t => new ClientTaskItem(t.Id, t.Title, TaskLabels.Status(t.Status), t.DueDate, t.Assignee, t.IsPrivate, $"/tarefas/{t.Id}")).ToList();
            return new ClientOpenTasks(true, items, total, $"/tarefas/visao-geral?cliente={clientId}");
        });
    }
}
