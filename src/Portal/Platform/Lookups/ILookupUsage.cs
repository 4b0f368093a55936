namespace Portal.Platform.Lookups;

/// <summary>
/// Tells whether a lookup value is still referenced by some record (platform.md §6: values in use cannot be deleted,
/// only deactivated). Each module whose records store lookup value ids registers one implementation in its AddX
/// (<c>services.AddScoped&lt;ILookupUsage, ClientSystemsUsage&gt;()</c>); <see cref="LookupService"/> asks all of them.
/// No module references lookup values yet — the clients (systems used) and billing (agreements, payment methods)
/// modules will add theirs when they arrive.
/// </summary>
public interface ILookupUsage
{
    /// <summary>True when a record refers to <paramref name="valueId"/> of the list <paramref name="listKey"/>.</summary>
    Task<bool> IsUsedAsync(string listKey, long valueId, CancellationToken ct);
}
