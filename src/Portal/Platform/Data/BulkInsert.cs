using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Platform.Data;

/// <summary>
/// Multi-row INSERTs of generated rows (`seed-demo --scale large`): EF's change tracking and per-row statements cost
/// several times more at a million rows. Table, columns and SQL literals come from the EF model's type mappings, so
/// both providers store exactly what SaveChanges would. Literals rather than parameters: binding thousands of named
/// parameters is quadratic in Microsoft.Data.Sqlite, and MariaDB parses one literal statement fastest. Bypasses
/// <see cref="PortalDb"/>'s conventions: callers set CreatedAt/UpdatedAt/Version. Runs inside a <see cref="BulkLoad"/>.
/// For generated values only — never for user input.
/// </summary>
public sealed class BulkInsert<T> where T : class
{
    private readonly int _maxRows;
    private readonly int _maxChars;

    private readonly PortalDb _db;
    private readonly IClrPropertyGetter[] _getters;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly bool[] _plain;
    private readonly string _insertPrefix;

    /// <param name="explicitKey">true: the caller assigned the ids (so rows can reference each other in one pass);
    /// false: the database generates them.</param>
    public BulkInsert(PortalDb db, bool explicitKey)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(table) is not null)
            .Where(p => explicitKey || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToArray();
        _getters = columns.Select(p => p.GetGetter()).ToArray();
        _mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        // Integers without a value converter are written directly: a third of all values, and the same text either way.
        _plain = columns.Select(p => p.GetTypeMapping().Converter is null
            && Nullable.GetUnderlyingType(p.ClrType) is var u && (u ?? p.ClrType) is var t && (t == typeof(long) || t == typeof(int))).ToArray();
        // SQLite (in-process) gains nothing from longer statements and caps them at 1,000,000 bytes; MariaDB pays a
        // round trip per statement, which on a busy machine also means waiting to be scheduled, so fewer and larger
        // ones (well under max_allowed_packet's 16 MB default).
        (_maxRows, _maxChars) = db.Database.IsSqlite() ? (500, 400_000) : (5_000, 4_000_000);
        _insertPrefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") VALUES ";
    }

    /// <summary>Inserts the rows in statements of up to a few hundred rows; returns how many were written.</summary>
    public async Task<int> InsertAsync(IEnumerable<T> rows, CancellationToken ct = default)
    {
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside a transaction (BulkLoad.BeginAsync).");
        var text = new StringBuilder(_insertPrefix, _maxChars + 10_000);
        var inStatement = 0;
        var count = 0;
        Task? running = null;
        foreach (var row in rows)
        {
            text.Append(inStatement == 0 ? "(" : ", (");
            for (var c = 0; c < _getters.Length; c++)
            {
                if (c > 0) text.Append(", ");
                var value = _getters[c].GetClrValue(row);
                if (value is null) text.Append("NULL");
                else if (_plain[c]) text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                else text.Append(_mappings[c].GenerateSqlLiteral(value));
            }
            text.Append(')');
            if (++inStatement < _maxRows && text.Length < _maxChars) continue;
            // The next statement is built while the server runs this one (one statement in flight on the connection).
            if (running is not null) await running;
            running = ExecuteAsync(transaction, text.ToString(), ct);
            text.Clear().Append(_insertPrefix);
            count += inStatement;
            inStatement = 0;
        }
        if (running is not null) await running;
        if (inStatement > 0) await ExecuteAsync(transaction, text.ToString(), ct);
        return count + inStatement;
    }

    private async Task ExecuteAsync(System.Data.Common.DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.CommandTimeout = 600;
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// The one transaction of a bulk load: all or nothing. On SQLite the connection's page cache is enlarged meanwhile,
/// so index pages stay in memory until the commit instead of spilling to the WAL again and again (restored after).
/// </summary>
public sealed class BulkLoad : IAsyncDisposable
{
    private const string SqliteLoadCache = "PRAGMA cache_size=-262144"; // KiB: 256 MB, used only as far as needed
    private const string SqliteDefaultCache = "PRAGMA cache_size=-2000";

    private readonly PortalDb _db;
    private readonly IDbContextTransaction _transaction;

    private BulkLoad(PortalDb db, IDbContextTransaction transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    public static async Task<BulkLoad> BeginAsync(PortalDb db, CancellationToken ct = default)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync(SqliteLoadCache, ct);
        return new BulkLoad(db, transaction);
    }

    public Task CommitAsync(CancellationToken ct = default) => _transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_db.Database.IsSqlite()) await _db.Database.ExecuteSqlRawAsync(SqliteDefaultCache);
        }
        finally
        {
            await _transaction.DisposeAsync();
            _db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }
}
