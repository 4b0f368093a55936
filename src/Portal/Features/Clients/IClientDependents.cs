namespace Portal.Features.Clients;

/// <summary>
/// Public contract for the modules that link records to clients (tasks, closing, societário, minutes, billing, Q&amp;A):
/// each registers one implementation so a client with linked records cannot be hard-deleted (clients.md §5).
/// </summary>
public interface IClientDependents
{
    Task<bool> HasAnyAsync(long clientId, CancellationToken ct);
}
