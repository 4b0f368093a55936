using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Platform.Data;

namespace Portal.Platform.Ops.Backup;

/// <summary>What <c>database/schema.json</c> says about a portable dump.</summary>
public sealed record DumpSchema(string Provider, IReadOnlyList<string> Migrations, IReadOnlyList<DumpTable> Tables)
{
    /// <summary>Name (without the per-provider timestamp) of the last migration applied to the source database.</summary>
    public string? SchemaVersion => Migrations.Count > 0 ? Migrations[^1] : null;
}

public sealed record DumpTable(string Name, IReadOnlyList<string> Columns, long Rows);

/// <summary>
/// The portable database dump of operations.md §8.1 step 5: every table of the model as JSON lines (one object per
/// row, values in their provider type written in an invariant text form) plus the applied migrations. It loads into
/// either provider, which is what makes SQLite ↔ MySQL/MariaDB restores possible.
/// </summary>
public static class DatabaseDump
{
    public const string SchemaFile = "schema.json";
    public const string TablesFolder = "tables";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Tables of the model (no views, no Quartz tables, no migration history) with their columns.</summary>
    public static IReadOnlyList<ITable> ModelTables(IModel model) =>
        model.GetRelationalModel().Tables.Where(t => t.Schema is null).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public static string Quote(DatabaseKind kind, string identifier) =>
        kind == DatabaseKind.MySql ? $"`{identifier.Replace("`", "``", StringComparison.Ordinal)}`" : $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Writes the dump of an open connection (already inside its consistent snapshot) into <paramref name="folder"/>.</summary>
    public static async Task<DumpSchema> ExportAsync(DbConnection connection, DatabaseKind kind, IModel model, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(folder, TablesFolder));
        var migrations = await AppliedMigrationsAsync(connection, kind, ct);
        var tables = new List<DumpTable>();
        foreach (var table in ModelTables(model))
        {
            var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(kind, c.Name)))} FROM {Quote(kind, table.Name)}";
            long rows = 0;
            await using (var file = File.Create(Path.Combine(folder, TablesFolder, table.Name + ".jsonl")))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    await using (var writer = new Utf8JsonWriter(file))
                    {
                        writer.WriteStartObject();
                        for (var i = 0; i < columns.Count; i++)
                        {
                            writer.WritePropertyName(columns[i].Name);
                            WriteValue(writer, reader, i, columns[i].ProviderClrType);
                        }
                        writer.WriteEndObject();
                    }
                    file.WriteByte((byte)'\n');
                    rows++;
                }
            }
            tables.Add(new DumpTable(table.Name, columns.Select(c => c.Name).ToList(), rows));
        }
        var schema = new DumpSchema(kind.ToString(), migrations, tables);
        await File.WriteAllTextAsync(Path.Combine(folder, SchemaFile), JsonSerializer.Serialize(schema, Json), ct);
        return schema;
    }

    public static DumpSchema ReadSchema(string folder) =>
        JsonSerializer.Deserialize<DumpSchema>(File.ReadAllText(Path.Combine(folder, SchemaFile)))
        ?? throw new InvalidDataException("schema.json vazio");

    /// <summary>Migration names without their timestamp prefix: the two providers' ids differ only there.</summary>
    public static string MigrationName(string id) => id.Length > 15 && id[14] == '_' ? id[15..] : id;

    private static async Task<List<string>> AppliedMigrationsAsync(DbConnection connection, DatabaseKind kind, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Quote(kind, "MigrationId")} FROM {Quote(kind, "__EFMigrationsHistory")} ORDER BY {Quote(kind, "MigrationId")}";
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(MigrationName(reader.GetString(0)));
        return list;
    }

    private static void WriteValue(Utf8JsonWriter writer, DbDataReader reader, int i, Type type)
    {
        if (reader.IsDBNull(i))
        {
            writer.WriteNullValue();
            return;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) type = Enum.GetUnderlyingType(type);
        var inv = CultureInfo.InvariantCulture;
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.String: writer.WriteStringValue(reader.GetFieldValue<string>(i)); return;
            case TypeCode.Boolean: writer.WriteBooleanValue(reader.GetFieldValue<bool>(i)); return;
            case TypeCode.Byte: case TypeCode.SByte: case TypeCode.Int16: case TypeCode.UInt16: case TypeCode.Int32:
            case TypeCode.UInt32: case TypeCode.Int64:
                writer.WriteNumberValue(Convert.ToInt64(reader.GetValue(i), inv)); return;
            case TypeCode.UInt64: writer.WriteNumberValue(Convert.ToUInt64(reader.GetValue(i), inv)); return;
            case TypeCode.Double: case TypeCode.Single: writer.WriteNumberValue(Convert.ToDouble(reader.GetValue(i), inv)); return;
            case TypeCode.Decimal: writer.WriteStringValue(reader.GetFieldValue<decimal>(i).ToString("0.############################", inv)); return;
            case TypeCode.DateTime: writer.WriteStringValue(reader.GetFieldValue<DateTime>(i).ToString("yyyy-MM-ddTHH:mm:ss.fffffff", inv)); return;
        }
        if (type == typeof(DateOnly)) writer.WriteStringValue(reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", inv));
        else if (type == typeof(TimeOnly)) writer.WriteStringValue(reader.GetFieldValue<TimeOnly>(i).ToString("HH:mm:ss.fffffff", inv));
        else if (type == typeof(DateTimeOffset)) writer.WriteStringValue(reader.GetFieldValue<DateTimeOffset>(i).ToString("o", inv));
        else if (type == typeof(TimeSpan)) writer.WriteStringValue(reader.GetFieldValue<TimeSpan>(i).ToString("c", inv));
        else if (type == typeof(Guid)) writer.WriteStringValue(reader.GetFieldValue<Guid>(i).ToString("D"));
        else if (type == typeof(byte[])) writer.WriteBase64StringValue(reader.GetFieldValue<byte[]>(i));
        else writer.WriteStringValue(Convert.ToString(reader.GetValue(i), inv));
    }

    /// <summary>
    /// Replaces the rows of every model table in an open connection with the dump's rows (foreign keys off while
    /// loading, one transaction). The target schema must be at the dump's migration.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> ImportAsync(DbConnection connection, DatabaseKind kind, IModel model, string folder,
        IProgress<string>? progress, CancellationToken ct)
    {
        var schema = ReadSchema(folder);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var targetTables = ModelTables(model).ToDictionary(t => t.Name, StringComparer.Ordinal);
        await ExecAsync(connection, kind == DatabaseKind.MySql ? "SET FOREIGN_KEY_CHECKS=0" : "PRAGMA foreign_keys=OFF", ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // Only the dump's tables: the target sits at the dump's migration, where later tables do not exist yet.
            foreach (var dumped in schema.Tables.Where(t => targetTables.ContainsKey(t.Name)))
                await ExecAsync(connection, $"DELETE FROM {Quote(kind, dumped.Name)}", ct, transaction);
            foreach (var dumped in schema.Tables)
            {
                if (!targetTables.TryGetValue(dumped.Name, out var table)) continue;
                progress?.Report(dumped.Name);
                var columns = table.Columns.Where(c => dumped.Columns.Contains(c.Name)).ToList();
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO {Quote(kind, table.Name)} ({string.Join(", ", columns.Select(c => Quote(kind, c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
                var parameters = columns.Select((_, i) =>
                {
                    var p = command.CreateParameter();
                    p.ParameterName = "@p" + i;
                    command.Parameters.Add(p);
                    return p;
                }).ToList();
                long rows = 0;
                using var reader = new StreamReader(Path.Combine(folder, TablesFolder, dumped.Name + ".jsonl"), Encoding.UTF8);
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.Length == 0) continue;
                    using var document = JsonDocument.Parse(line);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var value = document.RootElement.TryGetProperty(columns[i].Name, out var element) ? element : default;
                        parameters[i].Value = ReadValue(value, columns[i].ProviderClrType, kind) ?? DBNull.Value;
                    }
                    await command.ExecuteNonQueryAsync(ct);
                    rows++;
                }
                counts[dumped.Name] = rows;
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await ExecAsync(connection, kind == DatabaseKind.MySql ? "SET FOREIGN_KEY_CHECKS=1" : "PRAGMA foreign_keys=ON", CancellationToken.None);
        }
        return counts;
    }

    private static async Task ExecAsync(DbConnection connection, string sql, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static object? ReadValue(JsonElement element, Type type, DatabaseKind kind)
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) type = Enum.GetUnderlyingType(type);
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string)) return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        if (type == typeof(bool)) return element.ValueKind == JsonValueKind.Number ? element.GetInt64() != 0 : element.GetBoolean();
        if (type == typeof(decimal)) return decimal.Parse(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(), NumberStyles.Float, inv);
        if (type == typeof(double) || type == typeof(float)) return Convert.ChangeType(element.GetDouble(), type, inv);
        if (type.IsPrimitive) return Convert.ChangeType(element.ValueKind == JsonValueKind.True ? 1 : element.ValueKind == JsonValueKind.False ? 0 : element.GetInt64(), type, inv);
        var text = element.GetString()!;
        if (type == typeof(DateTime)) return DateTime.Parse(text, inv, DateTimeStyles.None);
        if (type == typeof(DateOnly)) return DateOnly.ParseExact(text, "yyyy-MM-dd", inv);
        if (type == typeof(TimeOnly)) return TimeOnly.Parse(text, inv);
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.Parse(text, inv, DateTimeStyles.RoundtripKind);
        if (type == typeof(TimeSpan)) return TimeSpan.ParseExact(text, "c", inv);
        // EF's SQLite mapping stores Guids as upper-case text; Microsoft.Data.Sqlite would bind a Guid as a blob.
        if (type == typeof(Guid)) return kind == DatabaseKind.Sqlite ? Guid.Parse(text).ToString().ToUpperInvariant() : Guid.Parse(text);
        if (type == typeof(byte[])) return element.GetBytesFromBase64();
        return text;
    }
}
