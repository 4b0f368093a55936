using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Import;

/// <summary>A database of the original portal (SQLite file, or a separate database on the test MariaDB server) built
/// from <see cref="LegacySchema"/>; disposed with its folder/database.</summary>
public sealed class LegacySourceDatabase : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly string? _mySqlDatabase;
    private readonly string? _folder;

    private LegacySourceDatabase(DbConnection connection, string connectionString, bool mySql, string? database, string? folder)
    {
        _connection = connection;
        ConnectionString = connectionString;
        IsMySql = mySql;
        _mySqlDatabase = database;
        _folder = folder;
    }

    /// <summary>What is passed to --source.</summary>
    public string ConnectionString { get; }
    public bool IsMySql { get; }

    public static async Task<LegacySourceDatabase> CreateAsync(DatabaseKind kind, bool oldSchema = false)
    {
        LegacySourceDatabase db;
        if (kind == DatabaseKind.MySql)
        {
            var name = "legacy_src_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new MySqlConnection(PortalApp.MySqlServer))
            {
                await admin.OpenAsync();
                await using var create = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", admin);
                await create.ExecuteNonQueryAsync();
            }
            var cs = PortalApp.MySqlServer + $"Database={name};";
            var connection = new MySqlConnection(cs);
            await connection.OpenAsync();
            db = new LegacySourceDatabase(connection, cs, true, name, null);
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("legacy-src-").FullName;
            var file = Path.Combine(folder, "portal_original.db");
            var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            db = new LegacySourceDatabase(connection, file, false, null, folder);
        }
        foreach (var statement in LegacySchema.Ddl(db.IsMySql, oldSchema).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            await db.ExecuteAsync(statement);
        return db;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>INSERT of one row from an anonymous object (property names = columns).</summary>
    public async Task InsertAsync(string table, object row)
    {
        var properties = row.GetType().GetProperties();
        await using var command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", properties.Select(p => p.Name))}) VALUES ({string.Join(", ", properties.Select(p => "@" + p.Name))})";
        foreach (var p in properties)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + p.Name;
            parameter.Value = p.GetValue(row) ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Bulk rows for the benchmark generator: one multi-row statement per chunk, inside a transaction.</summary>
    public async Task InsertManyAsync(string table, string[] columns, IEnumerable<object?[]> rows)
    {
        await using var transaction = await _connection.BeginTransactionAsync();
        foreach (var chunk in rows.Chunk(500))
        {
            await using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            var values = new List<string>();
            var n = 0;
            foreach (var row in chunk)
            {
                var names = new List<string>();
                foreach (var value in row)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + n;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    names.Add("@p" + n++);
                }
                values.Add("(" + string.Join(", ", names) + ")");
            }
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", values)}";
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (_mySqlDatabase is not null)
        {
            try
            {
                await using var admin = new MySqlConnection(PortalApp.MySqlServer);
                await admin.OpenAsync();
                await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{_mySqlDatabase}`", admin);
                await drop.ExecuteNonQueryAsync();
            }
            catch (MySqlException) { }
        }
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { }
        }
    }
}
