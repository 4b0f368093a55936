using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// Read-only access to the original portal's database (MySQL/MariaDB or SQLite, operations.md §9): SQLite is opened
/// with Mode=ReadOnly, MySQL sessions are switched to READ ONLY, so a mistake here can never change the original.
/// Tables are read whole (the largest, tasks, is tens of thousands of rows) as case-insensitive column → value rows.
/// </summary>
public sealed class LegacySource : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly Dictionary<string, IReadOnlySet<string>> _columns = new(StringComparer.OrdinalIgnoreCase);

    private LegacySource(DbConnection connection, bool isMySql, string display)
    {
        _connection = connection;
        IsMySql = isMySql;
        Display = display;
    }

    public bool IsMySql { get; }

    /// <summary>Where the data came from, without user or password (safe for reports and logs).</summary>
    public string Display { get; }

    public IReadOnlySet<string> Tables { get; private set; } = new HashSet<string>();

    public static async Task<LegacySource> OpenAsync(string source, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(source)) throw new LegacyImportException("Informe a origem (--source).");
        var text = source.Trim();
        DbConnection connection;
        bool mySql;
        string display;
        if (text.StartsWith("mysql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("mariadb://", StringComparison.OrdinalIgnoreCase))
        {
            var builder = FromUrl(new Uri(text));
            (connection, mySql, display) = (new MySqlConnection(builder.ConnectionString), true, $"MySQL {builder.Server}/{builder.Database}");
        }
        else if (text.Contains("Server=", StringComparison.OrdinalIgnoreCase) || text.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            MySqlConnectionStringBuilder builder;
            try { builder = new MySqlConnectionStringBuilder(text); }
            catch (ArgumentException) { throw new LegacyImportException("Cadeia de conexão MySQL inválida."); }
            (connection, mySql, display) = (new MySqlConnection(builder.ConnectionString), true, $"MySQL {builder.Server}/{builder.Database}");
        }
        else
        {
            var builder = text.Contains('=') ? new SqliteConnectionStringBuilder(text) : new SqliteConnectionStringBuilder { DataSource = text };
            if (!File.Exists(builder.DataSource)) throw new LegacyImportException($"Arquivo SQLite de origem não encontrado: {builder.DataSource}");
            builder.Mode = SqliteOpenMode.ReadOnly;
            builder.Pooling = false;
            (connection, mySql, display) = (new SqliteConnection(builder.ConnectionString), false, $"SQLite {Path.GetFileName(builder.DataSource)}");
        }

        var legacy = new LegacySource(connection, mySql, display);
        try
        {
            await connection.OpenAsync(ct);
            if (mySql) await legacy.ExecuteAsync("SET SESSION TRANSACTION READ ONLY", ct);
            legacy.Tables = await legacy.ReadTableNamesAsync(ct);
        }
        catch (DbException ex)
        {
            await legacy.DisposeAsync();
            // The provider's message may quote the server but never the password; keep only its first line.
            throw new LegacyImportException($"Não foi possível abrir a origem ({display}): {ex.Message.Split('\n')[0]}");
        }
        return legacy;
    }

    private static MySqlConnectionStringBuilder FromUrl(Uri url)
    {
        var userInfo = url.UserInfo.Split(':', 2);
        return new MySqlConnectionStringBuilder
        {
            Server = url.Host,
            Port = url.Port > 0 ? (uint)url.Port : 3306,
            Database = url.AbsolutePath.Trim('/'),
            UserID = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "",
        };
    }

    public bool HasTable(string table) => Tables.Contains(table);

    public async Task<IReadOnlySet<string>> ColumnsAsync(string table, CancellationToken ct = default)
    {
        if (_columns.TryGetValue(table, out var known)) return known;
        if (!HasTable(table)) return _columns[table] = new HashSet<string>();
        await using var command = Command($"SELECT * FROM {Quote(table)} WHERE 1 = 0");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++) names.Add(reader.GetName(i));
        return _columns[table] = names;
    }

    public async Task<long> CountAsync(string table, CancellationToken ct = default)
    {
        if (!HasTable(table)) return 0;
        await using var command = Command($"SELECT COUNT(*) FROM {Quote(table)}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>All rows of a table (none when the table is absent), ordered by id when it has one.</summary>
    public async Task<List<LegacyRow>> ReadAsync(string table, CancellationToken ct = default)
    {
        var rows = new List<LegacyRow>();
        if (!HasTable(table)) return rows;
        var columns = await ColumnsAsync(table, ct);
        await using var command = Command($"SELECT * FROM {Quote(table)}" + (columns.Contains("id") ? " ORDER BY id" : ""));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        while (await reader.ReadAsync(ct))
        {
            var values = new Dictionary<string, object?>(names.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                object? value;
                try { value = reader.IsDBNull(i) ? null : reader.GetValue(i); }
                catch (Exception ex) when (ex is MySqlConversionException or FormatException or InvalidCastException)
                {
                    value = null; // zero dates (0000-00-00) and similar: treated as missing
                }
                values[names[i]] = value;
            }
            rows.Add(new LegacyRow(table, values));
        }
        return rows;
    }

    private async Task<IReadOnlySet<string>> ReadTableNamesAsync(CancellationToken ct)
    {
        var sql = IsMySql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        return command;
    }

    // Table names come from our own constant list, checked against the source's catalogue — never from input.
    private string Quote(string table) => IsMySql ? $"`{table}`" : $"\"{table}\"";

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
    }
}

public sealed class LegacyImportException(string message) : Exception(message);
