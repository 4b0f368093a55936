using Portal.Platform.Data;
using Portal.Platform.Realtime;

namespace Portal.Features.Tasks;

/// <summary>
/// Short-lived cache of the expensive task reads (board columns with their exact counts, API list pages) over
/// 200,000 tasks (ADR-008). Entries are keyed by the "tasks" change stamp read before the query, so any committed
/// write to a task table — through this process, or announced by another instance's task.* message on the real-time
/// backplane — makes every cached read miss. The lifetime only bounds memory and what no stamp covers (people's names).
/// </summary>
public sealed class TaskReadCache
{
    public const string Group = "tasks";
    public static readonly ChangeGroup Tables = new(Group, ["Tasks", "TaskHistory", "TaskFollowers", "TaskComments", "TaskReadStates", "StoredFiles", "Clients"]);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly StampedCache _cache;

    public TaskReadCache(StampedCache cache, ChangeStamps stamps, IRealtimeBackplane backplane)
    {
        _cache = cache;
        backplane.Subscribe(message =>
        {
            if (message.Type.StartsWith("task.", StringComparison.Ordinal)) stamps.Bump(Group);
        });
    }

    /// <summary>The key under the current stamp: read it before querying, then use it for everything derived.</summary>
    public string Stamped(string key) => _cache.Key(Group, key);

    public Task<T> GetOrCreateAsync<T>(string stampedKey, Func<Task<T>> read) => _cache.GetOrCreateAsync(stampedKey, Lifetime, read);

    /// <summary>The part of a viewer that decides which tasks they see.</summary>
    public static string ViewerKey(TaskViewer v) =>
        $"{v.UserId}:{(v.Access ? 1 : 0)}{(v.ViewAll ? 1 : 0)}:{string.Join(',', v.SectorIds.Order())}";
}
