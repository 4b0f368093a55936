using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Settings;

namespace Portal.Platform.Identity;

public static class SessionRevokeReasons
{
    public const string Logout = "logout", Admin = "admin", PasswordChange = "password_change",
        PasswordReset = "password_reset", Deactivated = "deactivated", User = "user";
}

/// <summary>Creates, validates and revokes server-side web sessions (identity.md §7).</summary>
public sealed class SessionService(PortalDb db, SettingsService settings, TimeProvider clock, SessionCookie cookie, StampedCache cache)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The session row and its user's state are read through the change-stamp cache (ADR-019): any write to these
    /// tables through this process — revocation, logout, password change, deactivation, the minute's touch — makes the
    /// next request read the row again; with several instances the relayed stamps do the same, the lifetime bounds a
    /// lost message.
    /// </summary>
    public static readonly ChangeGroup Tables = new("sessions", ["UserSessions", "Users"]);

    private static readonly TimeSpan RowLifetime = TimeSpan.FromSeconds(2);

    public async Task<UserSession> CreateAsync(HttpContext http, User user, bool persistent, string authMethod)
    {
        var s = await settings.GetAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var raw = RandomNumberGenerator.GetBytes(32);
        var session = new UserSession
        {
            TokenHash = Hash(raw),
            PublicId = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(),
            UserId = user.Id,
            SecurityStamp = user.SecurityStamp,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (persistent ? s.PersistentAbsolute : s.SessionAbsolute),
            IdleTimeoutMinutes = (int)(persistent ? s.PersistentIdle : s.SessionIdle).TotalMinutes,
            IsPersistent = persistent,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 500),
            AuthMethod = authMethod,
        };
        db.UserSessions.Add(session);
        // Any session the browser held before is discarded (session fixation).
        var previous = cookie.Read(http);
        if (previous is not null) await RevokeByTokenAsync(previous, SessionRevokeReasons.Logout, saveNow: false);
        await db.SaveChangesAsync();
        cookie.Write(http, Base64Url(raw), persistent ? session.ExpiresAt : null);
        return session;
    }

    // Compiled: it runs whenever the cached row is stale, and EF's per-query translation lookup cost as much as the query.
    private static readonly PerModel<Func<PortalDb, string, CancellationToken, Task<SessionRow?>>> ByTokenHash = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, string hash, CancellationToken ct) => ctx.UserSessions.AsNoTracking()
            .Where(s => s.TokenHash == hash)
            .Select(s => new SessionRow(s.Id, s.UserId, s.SecurityStamp, s.LastSeenAt, s.ExpiresAt, s.IdleTimeoutMinutes, s.RevokedAt,
                s.AuthMethod, s.User.SecurityStamp, s.User.IsActive, s.User.FullName, s.User.Email, s.User.MustChangePassword, s.User.PhotoFileId))
            .FirstOrDefault()));

    private sealed record SessionRow(long Id, long UserId, string SecurityStamp, DateTime LastSeenAt, DateTime ExpiresAt, int IdleTimeoutMinutes,
        DateTime? RevokedAt, string AuthMethod, string UserStamp, bool IsActive, string FullName, string Email, bool MustChangePassword, Guid? PhotoFileId);

    /// <summary>Validates the cookie value; returns null when the session is unknown, revoked, expired or stale.</summary>
    public async Task<ValidSession?> ValidateAsync(string rawToken, CancellationToken ct = default)
    {
        byte[] raw;
        try { raw = FromBase64Url(rawToken); }
        catch (FormatException) { return null; }
        if (raw.Length != 32) return null;
        var hash = Hash(raw);
        var row = await cache.GetOrCreateAsync(Tables.Name, hash, RowLifetime, () => ByTokenHash.For(db)(db, hash, ct));
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null || row.RevokedAt is not null || !row.IsActive || row.SecurityStamp != row.UserStamp) return null;
        if (now >= row.ExpiresAt || now - row.LastSeenAt > TimeSpan.FromMinutes(row.IdleTimeoutMinutes)) return null;
        if (now - row.LastSeenAt >= TouchEvery)
        {
            await db.UserSessions.Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
            await db.Users.Where(u => u.Id == row.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastActivityAt, now), ct);
        }
        return new ValidSession(row.Id, row.UserId, row.FullName, row.Email, row.AuthMethod, row.MustChangePassword, row.PhotoFileId);
    }

    /// <summary>Sessions that still work: not revoked, within both timeouts, issued under the user's current stamp.</summary>
    public IQueryable<UserSession> ActiveSessions()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions.AsNoTracking().Where(s => s.RevokedAt == null && s.ExpiresAt > now
            && s.LastSeenAt.AddMinutes(s.IdleTimeoutMinutes) > now && s.SecurityStamp == s.User.SecurityStamp);
    }

    public async Task RevokeAsync(long sessionId, string reason)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
    }

    /// <summary>Ends every session of a user except <paramref name="keepSessionId"/>; returns how many ended.</summary>
    public async Task<int> RevokeAllAsync(long userId, string reason, long? keepSessionId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keepSessionId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
    }

    /// <summary>After a stamp change the acting session keeps working (IDN-10): it adopts the new stamp.</summary>
    public Task AdoptStampAsync(long sessionId, string stamp) =>
        db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, stamp));

    public async Task SignOutAsync(HttpContext http, string reason)
    {
        var raw = cookie.Read(http);
        if (raw is not null) await RevokeByTokenAsync(raw, reason, saveNow: true);
        cookie.Delete(http);
    }

    private async Task RevokeByTokenAsync(string rawToken, string reason, bool saveNow)
    {
        byte[] raw;
        try { raw = FromBase64Url(rawToken); }
        catch (FormatException) { return; }
        var hash = Hash(raw);
        var now = clock.GetUtcNow().UtcDateTime;
        if (saveNow)
        {
            await db.UserSessions.Where(s => s.TokenHash == hash && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
            return;
        }
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.TokenHash == hash && s.RevokedAt == null);
        if (session is null) return;
        session.RevokedAt = now;
        session.RevokedReason = reason;
    }

    public static string Hash(byte[] raw) => Convert.ToHexString(SHA256.HashData(raw)).ToLowerInvariant();

    public static string HashText(string value) => Hash(Encoding.UTF8.GetBytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string value)
    {
        if (value.Length > 100) throw new FormatException();
        var s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}

public sealed record ValidSession(long SessionId, long UserId, string FullName, string Email, string AuthMethod, bool MustChangePassword, Guid? PhotoFileId);

/// <summary>
/// The session cookie: <c>__Host-portal_session</c> (Secure) everywhere except the development-only <c>Tls:Mode=None</c>.
/// </summary>
public sealed class SessionCookie(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly bool _secure = configuration.GetTlsMode(environment) != TlsMode.None;

    public string Name => _secure ? "__Host-portal_session" : "portal_session";

    public string? Read(HttpContext http) => http.Request.Cookies.TryGetValue(Name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    public void Write(HttpContext http, string value, DateTime? expiresUtc) =>
        http.Response.Cookies.Append(Name, value, Options(expiresUtc));

    public void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, Options(null));

    private CookieOptions Options(DateTime? expiresUtc) => new()
    {
        HttpOnly = true,
        Secure = _secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        Expires = expiresUtc is null ? null : new DateTimeOffset(expiresUtc.Value, TimeSpan.Zero),
    };
}
