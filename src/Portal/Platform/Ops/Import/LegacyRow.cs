using System.Globalization;
using System.Text.Json;
using Portal.Platform.Time;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// One source row with tolerant readers: both providers hand back different CLR types for the same column (MySQL
/// DateTime/bool vs SQLite text/integer), and the original patched columns in at run time, so a missing column is
/// simply null.
/// </summary>
public sealed class LegacyRow(string table, IReadOnlyDictionary<string, object?> values)
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy",
    ];

    public string Table { get; } = table;

    public long Id => Number("id") ?? 0;

    public object? this[string column] => values.TryGetValue(column, out var v) ? v : null;

    public string? Str(string column)
    {
        var value = this[column];
        return value switch
        {
            null => null,
            string s => s,
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>Trimmed text, null when empty.</summary>
    public string? Text(string column) => string.IsNullOrWhiteSpace(Str(column)) ? null : Str(column)!.Trim();

    public long? Number(string column) => this[column] switch
    {
        null => null,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        IConvertible c when c is not string => Convert.ToInt64(c, CultureInfo.InvariantCulture),
        var v => long.TryParse(v.ToString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
    };

    public bool? Bool(string column) => this[column] switch
    {
        null => null,
        bool b => b,
        string s => s.Trim().ToLowerInvariant() is "1" or "true" or "t" or "y" or "yes" or "sim",
        var v => Number(column) is { } n ? n != 0 : null,
    };

    public decimal? Amount(string column) => this[column] switch
    {
        null => null,
        decimal d => d,
        IConvertible c when c is not string => Convert.ToDecimal(c, CultureInfo.InvariantCulture),
        var v => decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
    };

    public DateOnly? Date(string column) => Local(column) is { } local ? DateOnly.FromDateTime(local) : null;

    /// <summary>A naive São Paulo timestamp of the original converted to UTC (operations.md §9.2); values carrying
    /// an offset are converted as such.</summary>
    public DateTime? Utc(string column)
    {
        var value = this[column];
        if (value is DateTimeOffset offset) return offset.UtcDateTime;
        if (value is string s && s.Length > 19 && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (s.EndsWith('Z') || s.LastIndexOfAny(['+', '-']) > 18))
        {
            return withOffset.UtcDateTime;
        }
        return Local(column) is { } local ? SaoPaulo.ToUtc(local) : null;
    }

    private DateTime? Local(string column)
    {
        var value = this[column];
        switch (value)
        {
            case null: return null;
            case DateTime d: return d.Year < 1900 ? null : DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
            case DateOnly d: return d.ToDateTime(TimeOnly.MinValue);
        }
        var text = Str(column)?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>JSON stored in a column (native or serialized into VARCHAR); invalid or truncated → null and
    /// <paramref name="raw"/> keeps the text for the "not interpreted" note.</summary>
    public JsonElement? Json(string column, out string? raw)
    {
        raw = Text(column);
        if (raw is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement.Clone();
            // Some rows were serialized twice (a JSON string holding JSON): unwrap once.
            if (root.ValueKind == JsonValueKind.String && root.GetString() is { } inner && inner.TrimStart() is ['[' or '{', ..])
            {
                try
                {
                    using var innerDoc = JsonDocument.Parse(inner);
                    return innerDoc.RootElement.Clone();
                }
                catch (JsonException) { return root; }
            }
            return root;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
