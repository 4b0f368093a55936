using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;

namespace Portal.Features.Tasks;

/// <summary>
/// clients.md §5: a client any task points at — done ones included, they are the firm's record of work — cannot be
/// hard-deleted; the registry offers "desativar" instead. Tasks keep only the id, so a deleted client would leave them
/// pointing at nothing.
/// </summary>
public sealed class TaskClientDependents(PortalDb db) : IClientDependents
{
    public Task<bool> HasAnyAsync(long clientId, CancellationToken ct) => db.Tasks.AnyAsync(t => t.ClientId == clientId, ct);
}
