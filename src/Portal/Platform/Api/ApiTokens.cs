using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Platform.Api;

/// <summary>Token life cycle around <see cref="TokenService"/>: issue on login/refresh, deny-list on logout/refresh.</summary>
public sealed class ApiTokens(PortalDb db, TokenService tokens, AuditLog audit, TimeProvider clock)
{
    /// <summary>After a verified API login: counters reset, last login, audit api_login, then a new token.</summary>
    public async Task<IssuedToken> IssueForLoginAsync(User user)
    {
        user.FailedLoginCount = 0;
        user.LockoutEndAt = null;
        user.LastLoginAt = clock.GetUtcNow().UtcDateTime;
        var issued = tokens.Issue(user.Id, user.SecurityStamp);
        var entry = audit.Record("api_login", "User", user.Id, UserAccounts.Label(user), "Login na API", actorUserId: user.Id, actorName: user.FullName);
        entry.TokenId = issued.Jti;
        await db.SaveChangesAsync();
        return issued;
    }

    /// <summary>A new token for the same user; null when the user is gone or another request already used this token.</summary>
    public async Task<IssuedToken?> RefreshAsync(long userId, TokenClaims current)
    {
        var stamp = await db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (stamp is null) return null;
        // Only the request that revokes the old token gets a new one: concurrent refreshes of one token must not fork it.
        return await RevokeAsync(current) ? tokens.Issue(userId, stamp) : null;
    }

    /// <summary>
    /// Adds the token id to the deny-list until the token would have expired anyway. False when it already was
    /// there, including when a concurrent request inserted it first (the primary key decides, not the pre-check).
    /// </summary>
    public async Task<bool> RevokeAsync(TokenClaims token)
    {
        if (await db.RevokedTokens.AnyAsync(t => t.Jti == token.Jti)) return false;
        var row = new RevokedToken { Jti = token.Jti, ExpiresAt = token.ExpiresAt };
        db.RevokedTokens.Add(row);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Expired deny-list rows are useless; the session-cleanup job calls this.</summary>
    public Task<int> PurgeExpiredAsync() =>
        db.RevokedTokens.Where(t => t.ExpiresAt < clock.GetUtcNow().UtcDateTime).ExecuteDeleteAsync();
}
