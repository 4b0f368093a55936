using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

/// <summary>The registry's answer to modules that link records to clients (tasks today).</summary>
public sealed class ClientDirectory(PortalDb db) : IClientDirectory
{
    public async Task<IReadOnlyDictionary<long, ClientRef>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<long, ClientRef>();
        var list = ids.Distinct().ToList();
        return await db.Clients().AsNoTracking().Where(c => list.Contains(c.Id))
            .Select(c => new ClientRef(c.Id, c.Code, c.Name, c.IsActive))
            .ToDictionaryAsync(c => c.Id, ct);
    }
}
