namespace Portal.Platform.Contracts;

/// <summary>A client as other modules see it: enough to link, show and validate, nothing of the registry's internals.</summary>
public sealed record ClientRef(long Id, string Code, string Name, bool IsActive)
{
    /// <summary>"código – nome", the way every module shows a linked client.</summary>
    public string Label => $"{Code} – {Name}";
}

/// <summary>
/// The clients registry's public contract for modules that link records to clients (tasks, closing, meetings…).
/// Registered by the clients module; without it no client exists and every link is refused.
/// </summary>
public interface IClientDirectory
{
    /// <summary>False when no registry is installed: forms then hide their client field.</summary>
    bool IsAvailable => true;

    Task<IReadOnlyDictionary<long, ClientRef>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);

    /// <summary>
    /// Active clients matching <paramref name="text"/> by code, CNPJ/CPF digits or name (accent- and case-insensitive),
    /// ordered by name, at most <paramref name="take"/>: the pickers of the linking modules.
    /// </summary>
    Task<IReadOnlyList<ClientRef>> SearchAsync(string text, int take, CancellationToken ct = default);
}

public sealed class NoClientDirectory : IClientDirectory
{
    public bool IsAvailable => false;

    public Task<IReadOnlyDictionary<long, ClientRef>> GetAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<long, ClientRef>>(new Dictionary<long, ClientRef>());

    public Task<IReadOnlyList<ClientRef>> SearchAsync(string text, int take, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ClientRef>>([]);
}
