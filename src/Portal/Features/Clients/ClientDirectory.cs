using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

/// <summary>The registry's answer to modules that link records to clients (tasks today).</summary>
public sealed class ClientDirectory(PortalDb db) : IClientDirectory
{
    public const int MaxTake = 50;

    public async Task<IReadOnlyDictionary<long, ClientRef>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<long, ClientRef>();
        var list = ids.Distinct().ToList();
        return await db.Clients().AsNoTracking().Where(c => list.Contains(c.Id))
            .Select(c => new ClientRef(c.Id, c.Code, c.Name, c.IsActive))
            .ToDictionaryAsync(c => c.Id, ct);
    }

    /// <summary>The list filter's text rule (<see cref="ClientSearch.WhereText"/>), active clients only: only those can be linked.</summary>
    public async Task<IReadOnlyList<ClientRef>> SearchAsync(string text, int take, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text) || take <= 0) return [];
        return await db.Clients().AsNoTracking().Where(c => c.IsActive).WhereText(text).OrderBy(ClientSort.Name)
            .Take(Math.Min(take, MaxTake))
            .Select(c => new ClientRef(c.Id, c.Code, c.Name, c.IsActive))
            .ToListAsync(ct);
    }
}
