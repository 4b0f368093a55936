namespace Portal.Features.Clients;

/// <summary>Facts of the client registry other parts react to after the change is committed (clients.md §9).</summary>
public interface IClientEvent
{
    long ClientId { get; }
    string ClientLabel { get; }
    long? ActorId { get; }
    string ActorName { get; }
}

/// <summary>A department profile now names <paramref name="ResponsibleUserId"/> (newly set or changed).</summary>
public sealed record DepartmentResponsibleAssigned(long ClientId, string ClientLabel, long ProfileId, int ProfileVersion, string DepartmentCode,
    string DepartmentLabel, bool DepartmentRestricted, long ResponsibleUserId, long? ActorId, string ActorName) : IClientEvent;

/// <summary>The client was deactivated (record, edit form or API).</summary>
public sealed record ClientDeactivated(long ClientId, string ClientLabel, int ClientVersion, string? Reason, long? ActorId, string ActorName) : IClientEvent;

/// <summary>The client was hard-deleted: notifications pointing at it go too (notifications.md §7).</summary>
public sealed record ClientDeleted(long ClientId, string ClientLabel, long? ActorId, string ActorName) : IClientEvent;
