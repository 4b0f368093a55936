using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;

namespace Portal.Platform.Identity;

public enum LoginOutcome { Success, InvalidCredentials, LockedOut, Inactive }

public sealed record LoginResult(LoginOutcome Outcome, User? User = null, int LockoutMinutes = 0, UserSession? Session = null);

/// <summary>
/// E-mail/password login, steps 3–6 of identity.md §5 (the seed's login flowchart §2). CSRF and the per-IP limit
/// run before this, in the page.
/// </summary>
public sealed class LoginService(PortalDb db, PasswordHashing hashing, SessionService sessions, AuditLog audit, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const string InvalidMessage = "Email ou senha inválidos.";
    public const string InactiveMessage = "Conta desativada.";

    public static string LockedMessage(int minutes) =>
        $"Conta temporariamente bloqueada. Tente novamente em {minutes} {(minutes == 1 ? "minuto" : "minutos")}.";

    public async Task<LoginResult> LoginAsync(HttpContext http, string? email, string? password, bool remember)
    {
        var result = await VerifyAsync(email, password, "login_failed");
        if (result.Outcome != LoginOutcome.Success) return result;
        var session = await CompleteAsync(http, result.User!, remember, "password");
        return result with { Session = session };
    }

    /// <summary>
    /// Steps 3–5 shared by the web form and the API: user by e-mail, lockout, password, active. Counts failures,
    /// locks after five, audits each failure as <paramref name="failedAction"/>, upgrades legacy hashes on success.
    /// </summary>
    public async Task<LoginResult> VerifyAsync(string? email, string? password, string failedAction)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = normalized.Length is > 0 and <= 254 ? await db.Users.FirstOrDefaultAsync(u => u.Email == normalized) : null;
        if (user is null)
        {
            hashing.VerifyDummy(password ?? ""); // same cost as a real check: response time does not reveal the e-mail
            audit.Record(failedAction, "User", null, null, Truncate($"E-mail não cadastrado: {normalized}"), actorUserId: null);
            await db.SaveChangesAsync();
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }
        if (user.LockoutEndAt is DateTime until && until > now)
        {
            audit.Record(failedAction, "User", user.Id, UserAccounts.Label(user), "Conta bloqueada", actorUserId: user.Id, actorName: user.FullName);
            await db.SaveChangesAsync();
            return new LoginResult(LoginOutcome.LockedOut, user, (int)Math.Ceiling((until - now).TotalMinutes));
        }

        var check = hashing.Verify(user.PasswordHash, password ?? "");
        if (check == PasswordCheck.Failed)
        {
            user.FailedLoginCount++;
            audit.Record(failedAction, "User", user.Id, UserAccounts.Label(user), $"Senha incorreta: {normalized}", actorUserId: user.Id, actorName: user.FullName);
            if (user.FailedLoginCount >= MaxFailures)
            {
                user.LockoutEndAt = now + LockoutDuration;
                user.FailedLoginCount = 0;
                audit.Record("account_locked", "User", user.Id, UserAccounts.Label(user), "Bloqueada por 15 minutos após 5 falhas", actorUserId: user.Id, actorName: user.FullName);
            }
            await db.SaveChangesAsync();
            return new LoginResult(LoginOutcome.InvalidCredentials, user);
        }
        if (!user.IsActive)
        {
            audit.Record(failedAction, "User", user.Id, UserAccounts.Label(user), "Conta desativada", actorUserId: user.Id, actorName: user.FullName);
            await db.SaveChangesAsync();
            return new LoginResult(LoginOutcome.Inactive, user);
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            user.PasswordHash = hashing.Hash(password!);
            // Imported passwords shorter than the policy still log in once, then must be changed (identity.md §8.4).
            if ((password ?? "").Length < 12) user.MustChangePassword = true;
        }
        return new LoginResult(LoginOutcome.Success, user);
    }

    /// <summary>Shared by password and Google sign-in: new session, counters reset, audit "login".</summary>
    public async Task<UserSession> CompleteAsync(HttpContext http, User user, bool remember, string method)
    {
        user.FailedLoginCount = 0;
        user.LockoutEndAt = null;
        user.LastLoginAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("login", "User", user.Id, UserAccounts.Label(user), method == "google" ? "Login com Google" : "Login com senha",
            actorUserId: user.Id, actorName: user.FullName);
        await db.SaveChangesAsync();
        return await sessions.CreateAsync(http, user, remember, method);
    }

    private static string Truncate(string value) => value.Length <= 255 ? value : value[..255];
}
