namespace Portal.Platform.Contracts;

/// <summary>
/// One line of a digest (notifications.md §4.2): what the recipient reads, where a click goes, the group it is listed
/// under, the people it concerns by dynamic name (e.g. <c>assignee</c>), facts the rule's conditions test, and who may
/// see the record (null = everyone).
/// </summary>
public sealed record DigestItem(
    string Text, string Link, string? Group,
    IReadOnlyDictionary<string, IReadOnlyCollection<long>> People,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyCollection<long>? Audience);

/// <summary>
/// A digest source a module offers to the notification rules: a query run once a day at the rule's time. Modules
/// register theirs with <c>services.AddSingleton&lt;IDigestSource, …&gt;()</c>; the notifications module finds them.
/// </summary>
public interface IDigestSource
{
    /// <summary>Stable key stored in the rule's trigger, e.g. <c>tasks.due_today_or_overdue</c>.</summary>
    string Key { get; }

    /// <summary>pt-BR name shown on the rule form and in the digest's title.</summary>
    string Label { get; }

    /// <summary>The module code (as in the rules' Module column) this source belongs to.</summary>
    string Module { get; }

    NotificationCategory Category { get; }

    /// <summary>Where the digest notification itself leads (a list of the items).</summary>
    string Link { get; }

    /// <summary>Dynamic recipient names the items can name (offered on the rule form).</summary>
    IReadOnlyList<string> People { get; }

    /// <summary>Fact keys the items carry (offered as condition keys on the rule form).</summary>
    IReadOnlyList<string> FactKeys { get; }

    /// <summary>Today's items (São Paulo day). Runs in a DI scope of its own.</summary>
    Task<IReadOnlyList<DigestItem>> ItemsAsync(IServiceProvider services, DateOnly today, CancellationToken ct);
}
