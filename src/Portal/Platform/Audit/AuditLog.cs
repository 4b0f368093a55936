using System.Text.Json;
using Portal.Platform.Data;

namespace Portal.Platform.Audit;

/// <summary>
/// Adds audit entries to the current unit of work, so they commit (or roll back) with the change they describe
/// (operations.md §7.2). Call before SaveChanges.
/// </summary>
public sealed class AuditLog(PortalDb db, IAuditActor actor, TimeProvider clock)
{
    public AuditEntry Record(string action, string? resourceType = null, object? resourceId = null, string? resourceLabel = null,
        string? summary = null, IReadOnlyCollection<AuditChange>? changes = null, long? actorUserId = null, string? actorName = null)
    {
        var entry = new AuditEntry
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            ActorUserId = actorUserId ?? actor.UserId,
            ActorName = Truncate(actorName ?? actor.Name, 120),
            Channel = actor.Channel,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId?.ToString(),
            ResourceLabel = Truncate(resourceLabel, 200),
            Summary = Truncate(summary, 255),
            ChangesJson = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes) : null,
            Ip = actor.Ip,
            UserAgent = Truncate(actor.UserAgent, 500),
            RequestId = actor.RequestId,
            TokenId = actor.TokenId,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public static IReadOnlyList<AuditChange> ParseChanges(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AuditChange>>(json) ?? [];

    /// <summary>Field-level diff helper: adds a change only when the value differs.</summary>
    public static void Diff(List<AuditChange> changes, string field, object? before, object? after)
    {
        var b = Format(before);
        var a = Format(after);
        if (b != a) changes.Add(new AuditChange(field, b, a));
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "sim" : "não",
        IEnumerable<string> list when value is not string => string.Join(", ", list.Order()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
