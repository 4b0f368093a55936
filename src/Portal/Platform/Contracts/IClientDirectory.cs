namespace Portal.Platform.Contracts;

/// <summary>A client as other modules see it: enough to link, show and validate, nothing of the registry's internals.</summary>
public sealed record ClientRef(long Id, string Code, string Name, bool IsActive);

/// <summary>
/// The clients registry's public contract for modules that link records to clients (tasks, closing, meetings…).
/// Registered by the clients module; without it no client exists and every link is refused.
/// </summary>
public interface IClientDirectory
{
    Task<IReadOnlyDictionary<long, ClientRef>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);
}

public sealed class NoClientDirectory : IClientDirectory
{
    public Task<IReadOnlyDictionary<long, ClientRef>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<long, ClientRef>>(new Dictionary<long, ClientRef>());
}
