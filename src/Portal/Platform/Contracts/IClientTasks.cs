namespace Portal.Platform.Contracts;

/// <summary>One open task linked to a client, as the client record lists it.</summary>
public sealed record ClientTaskItem(long Id, string Title, string StatusLabel, DateOnly? DueDate, string? AssigneeName, bool IsPrivate, string Link);

/// <summary>
/// The first open tasks of a client the viewer may see, how many there are, and a list of them all (if any);
/// <paramref name="Visible"/> is false when the viewer has no access to tasks at all (the record then hides the section).
/// </summary>
public sealed record ClientOpenTasks(bool Visible, IReadOnlyList<ClientTaskItem> Items, int Total, string? AllLink)
{
    public static readonly ClientOpenTasks Hidden = new(false, [], 0, null);
}

/// <summary>
/// The tasks module's answer to "which open tasks of this client may the current user see?" for the client record
/// (clients.md §8 "Tarefas abertas"). Implemented by the tasks module with its own visibility policy and cache; the
/// clients module never reads task tables. Without the tasks module there is no such section.
/// </summary>
public interface IClientTasks
{
    bool IsAvailable => true;

    Task<ClientOpenTasks> OpenAsync(long clientId, int take, CancellationToken ct = default);
}

public sealed class NoClientTasks : IClientTasks
{
    public bool IsAvailable => false;

    public Task<ClientOpenTasks> OpenAsync(long clientId, int take, CancellationToken ct = default) =>
        Task.FromResult(ClientOpenTasks.Hidden);
}
