using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Identity;
using Portal.Platform.Security;
using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Features.Account;

/// <summary>"Esqueci minha senha" (identity.md §8.3): single-use 30-minute links delivered through the outbox.</summary>
public sealed class PasswordResetService(
    PortalDb db, AttemptLimiter limiter, EmailOutbox outbox, SettingsService settings, AuditLog audit, UserAccounts accounts,
    SessionService sessions, PasswordHashing hashing, IConfiguration configuration, TimeProvider clock, ILogger<PasswordResetService> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    public const string RequestedMessage = "Se o e-mail estiver cadastrado, você receberá um link para redefinir a senha.";
    public const string InvalidLinkMessage = "Link de redefinição inválido ou expirado. Solicite um novo.";

    /// <summary>Returns the retry delay when the per-IP limit is exceeded; otherwise null (and always the same answer).</summary>
    public async Task<TimeSpan?> RequestAsync(HttpRequest request, string? email)
    {
        var ip = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?";
        var byIp = await limiter.HitAsync($"reset-ip:{ip}", 10, TimeSpan.FromHours(1));
        if (!byIp.Allowed) return byIp.RetryAfter;
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        if (!Validators.IsEmail(normalized)) return null;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized && u.IsActive);
        if (user is null) return null;
        // Over the per-account limit we answer as usual but send nothing more.
        if (!(await limiter.HitAsync($"reset-user:{user.Id}", 3, TimeSpan.FromMinutes(15))).Allowed) return null;

        var now = clock.GetUtcNow().UtcDateTime;
        await db.PasswordResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now)); // a new link invalidates older ones
        var raw = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        db.PasswordResetTokens.Add(new PasswordResetToken
        {
            UserId = user.Id, TokenHash = SessionService.HashText(raw), CreatedAt = now, ExpiresAt = now + Lifetime, RequestedIp = ip,
        });
        var link = $"{BaseUrl(request)}/redefinir-senha?token={raw}";
        var s = await settings.GetAsync();
        outbox.Enqueue(user.Email, $"{s.FirmName} — redefinição de senha",
            $"Olá, {user.FullName}.\n\nPara criar uma nova senha no portal, abra o link abaixo (válido por 30 minutos, uso único):\n\n{link}\n\n" +
            "Se você não pediu a redefinição, ignore este e-mail.", "password_reset");
        audit.Record("password_reset_requested", "User", user.Id, UserAccounts.Label(user), "Redefinição de senha solicitada",
            actorUserId: user.Id, actorName: user.FullName);
        await db.SaveChangesAsync();
        if (!s.SmtpConfigured)
            logger.LogWarning("SMTP não configurado — link de redefinição para {Email}: {Link}", user.Email, link);
        return null;
    }

    public async Task<PasswordResetToken?> FindValidAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 64) return null;
        var hash = SessionService.HashText(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.PasswordResetTokens.Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now && t.User.IsActive);
    }

    public async Task<FieldErrors> ResetAsync(string? token, string? password, string? confirmation)
    {
        var errors = new FieldErrors();
        var row = await FindValidAsync(token);
        if (row is null)
        {
            errors.Add("", InvalidLinkMessage);
            return errors;
        }
        var user = row.User;
        await accounts.ValidatePasswordAsync(errors, "Password", password, user.Email, user.Username);
        if (password != confirmation) errors.Add("Confirmation", "A confirmação não confere com a nova senha.");
        if (!errors.IsValid) return errors;
        var now = clock.GetUtcNow().UtcDateTime;
        row.UsedAt = now;
        user.PasswordHash = hashing.Hash(password!);
        user.PasswordChangedAt = now;
        user.MustChangePassword = false;
        user.SecurityStamp = User.NewStamp();
        user.FailedLoginCount = 0;
        user.LockoutEndAt = null;
        audit.Record("password_reset", "User", user.Id, UserAccounts.Label(user), "Senha redefinida pelo link", actorUserId: user.Id, actorName: user.FullName);
        await db.SaveChangesAsync();
        await sessions.RevokeAllAsync(user.Id, SessionRevokeReasons.PasswordReset);
        return errors;
    }

    private string BaseUrl(HttpRequest request) =>
        configuration["Portal:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
