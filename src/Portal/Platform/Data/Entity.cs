namespace Portal.Platform.Data;

/// <summary>Conventions of platform.md §1: every business entity is audited by time/actor and versioned.</summary>
public abstract class Entity
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long? CreatedById { get; set; }
    public long? UpdatedById { get; set; }

    /// <summary>Optimistic concurrency token; incremented on every update by <see cref="PortalDb"/>.</summary>
    public int Version { get; set; }
}

/// <summary>
/// Marks bookkeeping columns (last login, failure counters…) whose change is not an edit: it neither bumps
/// <see cref="Entity.Version"/> nor makes an open edit form stale.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAnEditAttribute : Attribute;
