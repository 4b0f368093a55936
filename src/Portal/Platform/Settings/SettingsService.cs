using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Platform.Data;

namespace Portal.Platform.Settings;

/// <summary>
/// Reads and writes <see cref="SystemSetting"/> rows. Values are cached briefly (several instances may share the
/// database) and invalidated on every save in this instance. Secret values are Data-Protection encrypted.
/// </summary>
public sealed class SettingsService(PortalDb db, IMemoryCache cache, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string CacheKey = "portal:settings";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly IDataProtector _secrets = protection.CreateProtector("Portal.Settings.Secrets.v1");

    public async Task<PortalSettings> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out PortalSettings? cached) && cached is not null) return cached;
        var rows = await db.SystemSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var settings = new PortalSettings(rows);
        cache.Set(CacheKey, settings, CacheFor);
        return settings;
    }

    /// <summary>Stages the values in the context (the caller saves, with its audit entry, in one transaction).</summary>
    public async Task<IReadOnlyList<Audit.AuditChange>> StageAsync(IReadOnlyDictionary<string, string?> values, long? actorId, CancellationToken ct = default)
    {
        var changes = new List<Audit.AuditChange>();
        var existing = await db.SystemSettings.Where(s => values.Keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        foreach (var (key, rawValue) in values)
        {
            var isSecret = SettingKeys.IsSecret(key);
            var value = isSecret && rawValue is not null ? _secrets.Protect(rawValue) : rawValue;
            if (!existing.TryGetValue(key, out var row))
            {
                row = new SystemSetting { Key = key, IsSecret = isSecret };
                db.SystemSettings.Add(row);
            }
            else if (!isSecret && row.Value == value) continue;
            changes.Add(new Audit.AuditChange(key, isSecret ? "***" : row.Value, isSecret ? "alterada" : value));
            row.Value = value;
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            row.UpdatedById = actorId;
        }
        return changes;
    }

    public void Invalidate() => cache.Remove(CacheKey);

    public string? RevealSecret(PortalSettings settings, string key)
    {
        var stored = settings.Raw(key);
        if (string.IsNullOrEmpty(stored)) return null;
        try { return _secrets.Unprotect(stored); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
