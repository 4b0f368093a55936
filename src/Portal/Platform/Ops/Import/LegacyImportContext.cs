using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Text;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// What every step shares during one run: the read-only source, the target database (inside the run's transaction),
/// the id map, the report, the legacy key, the uploads folder and progress reporting.
/// </summary>
public sealed class LegacyImportContext
{
    public const string NotInterpretedPrefix = "Dados originais não interpretados: ";

    private readonly Dictionary<(string Table, string Id, string Type), long> _map;
    private readonly List<LegacyImportMap> _newMaps = [];
    private readonly ImportProgress _progress;
    private readonly Action<string, int, int>? _console;

    internal LegacyImportContext(PortalDb db, LegacySource source, LegacyImportOptions options, ImportReport report,
        Dictionary<(string, string, string), long> map, ImportProgress progress, Action<string, int, int>? console,
        FileUploads files, long importingUserId, DateTime nowUtc)
    {
        Db = db;
        Source = source;
        Options = options;
        Report = report;
        _map = map;
        _progress = progress;
        _console = console;
        Files = files;
        ImportingUserId = importingUserId;
        NowUtc = nowUtc;
        if (Fernet.TryCreate(options.LegacyKey, out var fernet)) LegacyKey = fernet;
    }

    public PortalDb Db { get; }
    public LegacySource Source { get; }
    public LegacyImportOptions Options { get; }
    public ImportReport Report { get; }
    public FileUploads Files { get; }
    public bool DryRun => Options.DryRun;
    public bool Update => Options.Update;

    /// <summary>Null when no (valid) legacy key was given: encrypted secrets then import empty, with a warning.</summary>
    public Fernet? LegacyKey { get; }

    /// <summary>Author of rows whose original author is unknown, and actor of the import's own audit entry.</summary>
    public long ImportingUserId { get; }

    public DateTime NowUtc { get; }

    /// <summary>Every plaintext secret met so far (client portal passwords, decrypted values): the audit step blanks
    /// them wherever the original copied them into free text.</summary>
    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Uploads of the original cited in rich text → the stored copy's URL (null: missing or refused), so a
    /// file cited by many records is stored and reported once.</summary>
    public Dictionary<string, string?> LinkedFiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Legacy users by id → portal user id (filled by the identity step).</summary>
    public Dictionary<long, long> Users { get; } = [];

    /// <summary>Legacy user lookup by full name and by username (accent/case-insensitive, operations.md §9.2).</summary>
    public Dictionary<string, long> UsersByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Legacy tag id → portal sector id, for tags mapped to Setor (or Setor e papel).</summary>
    public Dictionary<long, long> TagSectors { get; } = [];

    public long? TargetOf(string table, object sourceId, string type) =>
        _map.TryGetValue((table, Key(sourceId), type), out var id) ? id : null;

    public void Remember(string table, object sourceId, string type, long targetId)
    {
        var key = (table, Key(sourceId), type);
        if (_map.ContainsKey(key)) return;
        _map[key] = targetId;
        _newMaps.Add(new LegacyImportMap { SourceTable = table, SourceId = key.Item2, TargetType = type, TargetId = targetId, ImportedAt = NowUtc });
    }

    public long? UserId(long? legacyId) => legacyId is { } id && Users.TryGetValue(id, out var user) ? user : null;

    public long? UserByName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : UsersByName.TryGetValue(TextNormalizer.Key(name), out var id) ? id : null;

    public void Progress(string entity, int done, int total)
    {
        // Every row would flood the console; report about a hundred steps per entity and the last row.
        var step = Math.Max(1, total / 100);
        if (done != total && done % step != 0) return;
        _progress.Report(entity, done, total);
        _console?.Invoke(entity, done, total);
    }

    /// <summary>Saves staged rows and the id map entries added since the last save, then detaches everything so long
    /// tables do not slow the change tracker down.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await Db.SaveChangesAsync(ct);
        FlushMapEntries();
        await Db.SaveChangesAsync(ct);
        Db.ChangeTracker.Clear();
    }

    /// <summary>Stages pending id-map rows (ids are known once their targets were saved).</summary>
    public void FlushMapEntries()
    {
        if (_newMaps.Count == 0) return;
        Db.LegacyImportMap.AddRange(_newMaps);
        _newMaps.Clear();
    }

    /// <summary>Truncates to the portal's limit with a warning (operations.md §9.2), only where the new limit is smaller.</summary>
    public string? Fit(string? value, int max, EntityReport report, string where)
    {
        if (value is null || value.Length <= max) return value;
        report.Warn($"{where}: texto truncado em {max} caracteres (tinha {value.Length}).");
        return value[..max];
    }

    /// <summary>Decrypts a Fernet value of the original; failure → null with a warning (never the value itself).</summary>
    public string? DecryptLegacy(string? token, EntityReport report, string where)
    {
        if (string.IsNullOrEmpty(token)) return null;
        if (LegacyKey is null)
        {
            report.Warn($"{where}: senha criptografada não importada (chave do portal original ausente ou inválida).");
            return null;
        }
        var plain = LegacyKey.TryDecrypt(token);
        if (!string.IsNullOrEmpty(plain)) Secrets.Add(plain);
        if (plain is null) report.Warn($"{where}: senha criptografada não pôde ser decifrada com a chave informada; importada vazia.");
        return plain;
    }

    /// <summary>A file of the original uploads folder, tried as stored and relative to the usual roots.</summary>
    public string? FindUpload(string? storedPath)
    {
        if (string.IsNullOrWhiteSpace(storedPath) || string.IsNullOrWhiteSpace(Options.UploadsPath)) return null;
        var root = Path.GetFullPath(Options.UploadsPath);
        var relative = storedPath.Replace('\\', '/').TrimStart('/');
        foreach (var prefix in new[] { "static/uploads/", "uploads/", "static/" })
        {
            if (relative.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) relative = relative[prefix.Length..];
        }
        foreach (var candidate in new[] { relative, Path.GetFileName(relative) })
        {
            var full = Path.GetFullPath(Path.Combine(root, candidate));
            // Stored paths are data, not trusted: never leave the uploads folder.
            if (full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full)) return full;
        }
        return null;
    }

    public static string Preview(string raw) => raw.Length <= 200 ? raw : raw[..200] + "…";

    private static string Key(object id) => id switch
    {
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => id.ToString() ?? "",
    };

    public static IEnumerable<JsonElement> Items(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
