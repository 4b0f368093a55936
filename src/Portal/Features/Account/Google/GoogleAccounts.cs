using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Setup;
using Portal.Platform.Text;

namespace Portal.Features.Account.Google;

public enum GoogleSignInOutcome { Success, Failed, DomainNotAllowed, NotRegistered, Inactive }

public sealed record GoogleAccountResult(GoogleSignInOutcome Outcome, User? User = null);

/// <summary>
/// Steps 2–5 of identity.md §6 for a validated ID token: verified e-mail, allowed domain, find (or link, or create)
/// the user, refuse inactive accounts and refresh name/photo. The caller creates the session.
/// </summary>
public sealed class GoogleAccounts(PortalDb db, UserAccounts accounts, AuditLog audit, IDomainEvents events, ILogger<GoogleAccounts> logger)
{
    public const string DefaultRoleName = "Colaborador";
    public const string CreatedSummary = "Criado pelo login Google";

    public async Task<GoogleAccountResult> ResolveAsync(GoogleIdentity identity, PortalSettings settings, CancellationToken ct)
    {
        if (!identity.EmailVerified) return await RefuseAsync(GoogleSignInOutcome.Failed, null, $"E-mail do Google não verificado: {identity.Email}", ct);
        if (!DomainAllowed(identity, settings.GoogleAllowedDomains))
            return await RefuseAsync(GoogleSignInOutcome.DomainNotAllowed, null, $"Domínio não autorizado no login Google: {identity.Email}", ct);

        var user = await db.Users.FirstOrDefaultAsync(u => u.GoogleSubject == identity.Subject, ct);
        if (user is null)
        {
            user = await db.Users.FirstOrDefaultAsync(u => u.Email == identity.Email, ct);
            if (user is not null) Link(user, identity);
        }
        if (user is null)
        {
            if (!settings.GoogleAutoCreate)
                return await RefuseAsync(GoogleSignInOutcome.NotRegistered, null, $"Conta Google não cadastrada: {identity.Email}", ct);
            user = await CreateAsync(identity, settings, ct);
            if (user is null) return new GoogleAccountResult(GoogleSignInOutcome.Failed);
        }
        if (!user.IsActive) return await RefuseAsync(GoogleSignInOutcome.Inactive, user, "Conta desativada (login Google)", ct);

        Refresh(user, identity, settings);
        return new GoogleAccountResult(GoogleSignInOutcome.Success, user);
    }

    /// <summary>The e-mail domain and, for Workspace accounts, the <c>hd</c> claim must both be allowed.</summary>
    public static bool DomainAllowed(GoogleIdentity identity, IReadOnlyList<string> allowed)
    {
        if (allowed.Count == 0) return true;
        var domain = identity.Email[(identity.Email.LastIndexOf('@') + 1)..];
        return allowed.Contains(domain) && (identity.HostedDomain is null || allowed.Contains(identity.HostedDomain));
    }

    private void Link(User user, GoogleIdentity identity)
    {
        var replaced = user.GoogleSubject is not null;
        user.GoogleSubject = identity.Subject;
        audit.Record("user_updated", "User", user.Id, UserAccounts.Label(user), "Conta Google vinculada pelo e-mail",
            [new AuditChange("Conta Google", replaced ? "outra conta" : null, "vinculada")], actorUserId: user.Id, actorName: user.FullName);
    }

    private async Task<User?> CreateAsync(GoogleIdentity identity, PortalSettings settings, CancellationToken ct)
    {
        var roleId = await RoleForNewAccountsAsync(settings, ct);
        var username = await SetupService.UniqueUsernameAsync(db, identity.Email);
        try
        {
            var result = await accounts.CreateAsync(
                new UserInput(identity.Email, username, NameFor(identity), true, [], roleId is long id ? [id] : []), CreatedSummary);
            if (!result.Succeeded)
            {
                logger.LogWarning("Conta Google não criada para {Email}: {Errors}", identity.Email,
                    string.Join("; ", result.Errors.SelectMany(e => e.Value)));
                return null;
            }
            var user = result.User!;
            // Saved apart from the creation: if this fails, the next sign-in links the account by e-mail.
            user.GoogleSubject = identity.Subject;
            user.PhotoUrl = PhotoFor(identity);
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(new UserCreatedByGoogle(user.Id, user.FullName), ct);
            return user;
        }
        catch (DbUpdateException ex)
        {
            // Two callbacks for the same new person at once: the unique e-mail/username/subject index stops the second.
            logger.LogWarning(ex, "Conta Google não criada para {Email} (conflito)", identity.Email);
            return null;
        }
    }

    /// <summary>The configured role, or "Colaborador" when none is set or it was deleted.</summary>
    private async Task<long?> RoleForNewAccountsAsync(PortalSettings settings, CancellationToken ct)
    {
        if (settings.GoogleAutoCreateRoleId is long configured && await db.Roles.AnyAsync(r => r.Id == configured, ct)) return configured;
        var key = TextNormalizer.Key(DefaultRoleName);
        return await db.Roles.Where(r => r.NameNormalized == key).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
    }

    private void Refresh(User user, GoogleIdentity identity, PortalSettings settings)
    {
        // Only the source address is kept for now. Fetching the image into PhotoFileId (identity.md §2: pages never load
        // images from Google) belongs to the files/photo work and is not done here.
        if (PhotoFor(identity) is { } photo) user.PhotoUrl = photo;
        if (!settings.GoogleSyncName || CleanName(identity.Name) is not { } name || name == user.FullName) return;
        audit.Record("user_updated", "User", user.Id, UserAccounts.Label(user), "Nome sincronizado com o Google",
            [new AuditChange("Nome", user.FullName, name)], actorUserId: user.Id, actorName: name);
        user.FullName = name;
    }

    private async Task<GoogleAccountResult> RefuseAsync(GoogleSignInOutcome outcome, User? user, string summary, CancellationToken ct)
    {
        audit.Record("login_failed", "User", user?.Id, user is null ? null : UserAccounts.Label(user), summary,
            actorUserId: user?.Id, actorName: user?.FullName);
        await db.SaveChangesAsync(ct);
        return new GoogleAccountResult(outcome, user);
    }

    private static string NameFor(GoogleIdentity identity) =>
        CleanName(identity.Name) ?? CleanName(identity.Email.Split('@')[0]) ?? identity.Email;

    private static string? CleanName(string? name)
    {
        var clean = TextNormalizer.Clean(name);
        if (clean is null || clean.Length < 2) return null;
        return clean.Length <= 120 ? clean : clean[..120].TrimEnd();
    }

    private static string? PhotoFor(GoogleIdentity identity) =>
        identity.Picture is { Length: <= 500 } picture && Uri.TryCreate(picture, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? picture
            : null;
}
