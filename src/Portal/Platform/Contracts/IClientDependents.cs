namespace Portal.Platform.Contracts;

/// <summary>
/// Implemented by the modules that link records to clients (tasks, closing, societário, minutes, billing, Q&amp;A): each
/// registers one, so a client with linked records cannot be hard-deleted (clients.md §5). It lives in the platform
/// because features may not reference each other; the clients module asks every registered implementation.
/// </summary>
public interface IClientDependents
{
    Task<bool> HasAnyAsync(long clientId, CancellationToken ct);
}
