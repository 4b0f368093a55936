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

    public async Task<IssuedToken?> RefreshAsync(long userId, TokenClaims current)
    {
        var stamp = await db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (stamp is null) return null;
        await RevokeAsync(current);
        return tokens.Issue(userId, stamp);
    }

    /// <summary>Adds the token id to the deny-list until the token would have expired anyway.</summary>
    public async Task RevokeAsync(TokenClaims token)
    {
        if (await db.RevokedTokens.AnyAsync(t => t.Jti == token.Jti)) return;
        db.RevokedTokens.Add(new RevokedToken { Jti = token.Jti, ExpiresAt = token.ExpiresAt });
        await db.SaveChangesAsync();
    }

    /// <summary>Expired deny-list rows are useless; the session-cleanup job calls this.</summary>
    public Task<int> PurgeExpiredAsync() =>
        db.RevokedTokens.Where(t => t.ExpiresAt < clock.GetUtcNow().UtcDateTime).ExecuteDeleteAsync();
}
