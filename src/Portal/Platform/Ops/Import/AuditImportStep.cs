using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Platform.Audit;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// audit_logs → AuditEntry with channel "import" (operations.md §9.3). The original copied client snapshots — with
/// plaintext portal passwords — into old/new values: keys named senha/password become "***", values that cannot be
/// parsed are dropped (they cannot be checked), and any secret seen by earlier steps is blanked in free text too.
/// </summary>
public sealed class AuditImportStep : ILegacyImportStep
{
    public const string Redacted = "***";
    private const string Unreadable = "(valor original não interpretado; omitido)";

    public int Order => 90;

    public async Task RunAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("audit_logs", ct);
        var report = ctx.Report.For("audit_logs → auditoria");
        report.Source = rows.Count;
        var done = 0;
        foreach (var row in rows)
        {
            ctx.Progress("auditoria", ++done, rows.Count);
            if (ctx.TargetOf("audit_logs", row.Id, "AuditEntry") is not null)
            {
                report.Skipped++;
                continue;
            }
            var changes = new List<AuditChange>();
            var oldValues = Values(row, "old_values", report);
            var newValues = Values(row, "new_values", report);
            foreach (var field in oldValues.Keys.Union(newValues.Keys))
            {
                var before = oldValues.GetValueOrDefault(field);
                var after = newValues.GetValueOrDefault(field);
                if (before != after) changes.Add(new AuditChange(field, before is null ? null : Blank(ctx, before), after is null ? null : Blank(ctx, after)));
            }
            var entry = new AuditEntry
            {
                OccurredAt = row.Utc("created_at") ?? ctx.NowUtc,
                ActorUserId = ctx.UserId(row.Number("user_id")),
                ActorName = Cut(row.Text("username"), 120),
                Channel = AuditChannels.Import,
                Action = Cut(row.Text("action_type"), 40) ?? "legacy",
                ResourceType = Cut(row.Text("resource_type"), 60),
                ResourceId = Cut(row.Text("resource_id"), 64),
                Summary = Cut(Blank(ctx, row.Text("action_description")), 255),
                ChangesJson = changes.Count > 0 ? JsonSerializer.Serialize(changes) : null,
                Ip = Cut(row.Text("ip_address") ?? row.Text("ip"), 45),
                UserAgent = Cut(row.Text("user_agent"), 500),
                RequestId = Cut(row.Text("request_id"), 64),
            };
            ctx.Db.AuditEntries.Add(entry);
            report.Imported++;
            pending.Add((row.Id, entry));
            if (pending.Count >= 1000) await SaveBatchAsync(ctx, ct);
        }
        await SaveBatchAsync(ctx, ct);
    }

    private readonly List<(long LegacyId, AuditEntry Entry)> pending = [];

    private async Task SaveBatchAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        await ctx.Db.SaveChangesAsync(ct);
        foreach (var (legacyId, entry) in pending) ctx.Remember("audit_logs", legacyId, "AuditEntry", entry.Id);
        pending.Clear();
        await ctx.SaveAsync(ct);
    }

    private static Dictionary<string, string?> Values(LegacyRow row, string column, EntityReport report)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var raw = row.Text(column);
        if (raw is null) return result;
        JsonNode? node;
        try { node = JsonNode.Parse(raw); }
        catch (JsonException)
        {
            report.Warn($"audit_logs #{row.Id}: {column} não interpretado; valor omitido (poderia conter senha).");
            result["valores"] = Unreadable;
            return result;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var inner) && inner.TrimStart().StartsWith('{'))
        {
            try { node = JsonNode.Parse(inner); }
            catch (JsonException) { result["valores"] = Unreadable; return result; }
        }
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj) result[key] = IsSecretKey(key) ? Redacted : Text(Redact(child));
        }
        else if (node is not null)
        {
            result["valores"] = Text(Redact(node));
        }
        return result;
    }

    /// <summary>Replaces the value of every senha/password key, at any depth (acessos lists inside client snapshots).</summary>
    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretKey(key)) obj[key] = Redacted;
                    else obj[key] = Redact(obj[key]?.DeepClone());
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Redact(array[i]?.DeepClone());
                return array;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart() is ['{' or '[', ..]:
                // JSON serialized inside a string (acessos was a JsonStr column): redact inside it too.
                try { return JsonValue.Create(Redact(JsonNode.Parse(s))?.ToJsonString()); }
                catch (JsonException)
                {
                    // Cut-off JSON text (a JsonStr column copied into the snapshot) cannot be redacted key by key.
                    return MentionsSecret(s) ? JsonValue.Create(Unreadable) : v;
                }
            default:
                return node;
        }
    }

    private static bool MentionsSecret(string text) => IsSecretKey(text);

    public static bool IsSecretKey(string key)
    {
        var k = key.ToLowerInvariant();
        return k.Contains("senha", StringComparison.Ordinal) || k.Contains("password", StringComparison.Ordinal)
            || k.Contains("secret", StringComparison.Ordinal) || k.Contains("token", StringComparison.Ordinal);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string? Blank(LegacyImportContext ctx, string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in ctx.Secrets.Where(s => s.Length >= 4))
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        return text;
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
