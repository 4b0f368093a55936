using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Platform.Data;

/// <summary>A named set of tables whose writes invalidate the read caches built on them (e.g. "tasks").</summary>
public sealed record ChangeGroup(string Name, IReadOnlyList<string> Tables);

/// <summary>
/// One counter per <see cref="ChangeGroup"/>, raised after every write to one of its tables and again when the
/// writing transaction commits. A read cache keys its entries by the counter it read <b>before</b> querying, so an
/// entry can never outlive a committed change made through this process (ADR-008). Writes are seen at the command
/// level (<see cref="ChangeStampInterceptor"/>): SaveChanges, ExecuteUpdate/ExecuteDelete and raw SQL alike.
/// </summary>
public sealed class ChangeStamps
{
    private readonly ConcurrentDictionary<string, long> _stamps = new(StringComparer.Ordinal);
    private readonly (string Group, string Quoted, string Backticked)[] _tables;

    public ChangeStamps(IEnumerable<ChangeGroup> groups)
    {
        _tables = groups.SelectMany(g => g.Tables.Select(t => (g.Name, $"\"{t}\"", $"`{t}`"))).ToArray();
    }

    public long Current(string group) => _stamps.GetValueOrDefault(group);

    public void Bump(string group)
    {
        _stamps.AddOrUpdate(group, 1, (_, n) => n + 1);
        Bumped?.Invoke(group);
    }

    /// <summary>Raised by every local <see cref="Bump"/>: with several instances the change is relayed to the others.</summary>
    public event Action<string>? Bumped;

    /// <summary>A change announced by another instance: raises the stamp without announcing it again.</summary>
    public void BumpFromElsewhere(string group) => _stamps.AddOrUpdate(group, 1, (_, n) => n + 1);

    /// <summary>Groups whose tables a write statement names; reads (SELECT …) touch none.</summary>
    internal IReadOnlyCollection<string> WrittenBy(string sql)
    {
        if (_tables.Length == 0) return [];
        var text = sql.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
            return [];
        HashSet<string>? hit = null;
        foreach (var (group, quoted, backticked) in _tables)
            if (sql.Contains(quoted, StringComparison.Ordinal) || sql.Contains(backticked, StringComparison.Ordinal))
                (hit ??= new HashSet<string>(StringComparer.Ordinal)).Add(group);
        return (IReadOnlyCollection<string>?)hit ?? [];
    }
}

/// <summary>
/// Raises <see cref="ChangeStamps"/> after write commands, and once more on commit for writes inside a transaction:
/// a reader that ran between the write and the commit saw the old rows and may have cached them under the first stamp.
/// </summary>
public sealed class ChangeStampInterceptor(ChangeStamps stamps) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = [];

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Touch(command, eventData?.Context);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Touch(command, eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Touch(command, eventData?.Context);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Touch(command, eventData?.Context);
        return ValueTask.FromResult(result);
    }

    private void Touch(DbCommand command, DbContext? context)
    {
        var groups = stamps.WrittenBy(command.CommandText);
        if (groups.Count == 0) return;
        foreach (var group in groups) stamps.Bump(group);
        if (command.Transaction is null || context is null) return;
        var pending = _pending.GetOrCreateValue(context);
        lock (pending) pending.UnionWith(groups);
    }

    private void Settle(DbContext? context, bool committed)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        lock (pending)
        {
            if (committed) foreach (var group in pending) stamps.Bump(group);
            pending.Clear();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Settle(eventData.Context, true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context, true);
        return Task.CompletedTask;
    }

    // A rollback leaves the rows as they were; the stamp raised by the write only costs a cache miss.
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Settle(eventData.Context, false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context, false);
        return Task.CompletedTask;
    }
}
