using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Platform.Identity;

public sealed record UserInput(
    string? Email, string? Username, string? FullName, bool IsActive,
    IReadOnlyCollection<long> SectorIds, IReadOnlyCollection<long> RoleIds, string? Password = null, bool MustChangePassword = false);

public sealed record AccountResult(User? User, FieldErrors Errors, bool Forbidden = false)
{
    public bool Succeeded => User is not null && Errors.IsValid && !Forbidden;
}

/// <summary>
/// User administration rules of identity.md §9 in one place, used by /setup, the admin pages, the CLI, the demo
/// seeder, Google sign-in and the API.
/// </summary>
public sealed class UserAccounts(PortalDb db, PasswordHashing hashing, SettingsService settings, AuditLog audit, SessionService sessions, TimeProvider clock)
{
    public const string LastAdministratorMessage = "É necessário manter pelo menos um administrador ativo.";

    public async Task<AccountResult> CreateAsync(UserInput input, string summary = "Usuário criado")
    {
        var errors = await ValidateAsync(input, null);
        if (input.Password is not null) await ValidatePasswordAsync(errors, "Password", input.Password, input.Email, input.Username);
        if (!errors.IsValid) return new AccountResult(null, errors);
        var user = new User
        {
            Email = input.Email!.Trim().ToLowerInvariant(),
            Username = input.Username!.Trim().ToLowerInvariant(),
            FullName = input.FullName!.Trim(),
            IsActive = input.IsActive,
        };
        if (input.Password is not null)
        {
            user.PasswordHash = hashing.Hash(input.Password);
            user.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
            user.MustChangePassword = input.MustChangePassword;
        }
        foreach (var id in input.SectorIds.Distinct()) user.Sectors.Add(new SectorMembership { SectorId = id });
        foreach (var id in input.RoleIds.Distinct()) user.Roles.Add(new UserRole { RoleId = id });
        db.Users.Add(user);
        var description = await DescribeAsync(user, null);
        await AuditedInsert.SaveAsync(db, () => audit.Record("user_created", "User", user.Id, Label(user), summary, description));
        return new AccountResult(user, errors);
    }

    /// <summary>Edits profile, memberships and roles. <paramref name="actorIsAdministrator"/> gates the Administrador role.</summary>
    public async Task<AccountResult> UpdateAsync(long userId, UserInput input, int expectedVersion, bool actorIsAdministrator)
    {
        var user = await db.Users.Include(u => u.Sectors).Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return new AccountResult(null, new FieldErrors());
        var adminRoleIds = await db.Roles.Where(r => r.IsAdministrator).Select(r => r.Id).ToListAsync();
        var wasAdmin = user.Roles.Any(r => adminRoleIds.Contains(r.RoleId));
        var willBeAdmin = input.RoleIds.Any(adminRoleIds.Contains);
        if (!actorIsAdministrator && (wasAdmin || willBeAdmin)) return new AccountResult(user, new FieldErrors(), Forbidden: true);

        var errors = await ValidateAsync(input, user.Id);
        if (wasAdmin && user.IsActive && (!willBeAdmin || !input.IsActive) && !await AnotherActiveAdministratorAsync(user.Id))
            errors.Add("", LastAdministratorMessage);
        if (!errors.IsValid) return new AccountResult(user, errors);

        var before = await DescribeAsync(user, null);
        db.Entry(user).Property(u => u.Version).OriginalValue = expectedVersion;
        var wasActive = user.IsActive;
        user.Email = input.Email!.Trim().ToLowerInvariant();
        user.Username = input.Username!.Trim().ToLowerInvariant();
        user.FullName = input.FullName!.Trim();
        user.IsActive = input.IsActive;
        user.Sectors.RemoveAll(m => !input.SectorIds.Contains(m.SectorId));
        foreach (var id in input.SectorIds.Distinct().Where(id => user.Sectors.All(m => m.SectorId != id)))
            user.Sectors.Add(new SectorMembership { SectorId = id });
        user.Roles.RemoveAll(r => !input.RoleIds.Contains(r.RoleId));
        foreach (var id in input.RoleIds.Distinct().Where(id => user.Roles.All(r => r.RoleId != id)))
            user.Roles.Add(new UserRole { RoleId = id });
        if (wasActive && !user.IsActive) user.SecurityStamp = User.NewStamp();

        var changes = await DescribeAsync(user, before);
        var action = wasActive && !user.IsActive ? "user_deactivated" : !wasActive && user.IsActive ? "user_reactivated" : "user_updated";
        if (changes.Count > 0)
        {
            // Membership rows are separate entities: without this, a sectors/roles-only edit would neither check nor
            // bump the user's Version, and a stale form could silently undo someone else's change (platform.md §2).
            db.Entry(user).Property(u => u.UpdatedAt).IsModified = true;
            audit.Record(action, "User", user.Id, Label(user), "Usuário alterado", changes);
        }
        await db.SaveChangesAsync(); // DbUpdateConcurrencyException on a stale version: the page shows the conflict
        if (wasActive && !user.IsActive) await sessions.RevokeAllAsync(user.Id, SessionRevokeReasons.Deactivated);
        return new AccountResult(user, errors);
    }

    /// <summary>Sets a temporary password the user must change at next login; ends their sessions.</summary>
    public async Task<FieldErrors> SetTemporaryPasswordAsync(User user, string password)
    {
        var errors = new FieldErrors();
        await ValidatePasswordAsync(errors, "Password", password, user.Email, user.Username);
        if (!errors.IsValid) return errors;
        user.PasswordHash = hashing.Hash(password);
        user.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
        user.MustChangePassword = true;
        user.SecurityStamp = User.NewStamp();
        user.FailedLoginCount = 0;
        user.LockoutEndAt = null;
        audit.Record("temporary_password_set", "User", user.Id, Label(user), "Senha temporária definida");
        await db.SaveChangesAsync();
        await sessions.RevokeAllAsync(user.Id, SessionRevokeReasons.Admin);
        return errors;
    }

    /// <summary>Changes the password; other sessions end and <paramref name="currentSessionId"/> continues (IDN-10).</summary>
    public async Task<FieldErrors> ChangePasswordAsync(User user, string? currentPassword, string? newPassword, string? confirmation, long? currentSessionId, bool requireCurrent)
    {
        var errors = new FieldErrors();
        if (requireCurrent && hashing.Verify(user.PasswordHash, currentPassword ?? "") == PasswordCheck.Failed)
            errors.Add("CurrentPassword", "Senha atual incorreta.");
        await ValidatePasswordAsync(errors, "NewPassword", newPassword, user.Email, user.Username);
        if (newPassword != confirmation) errors.Add("Confirmation", "A confirmação não confere com a nova senha.");
        if (!errors.IsValid) return errors;
        user.PasswordHash = hashing.Hash(newPassword!);
        user.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
        user.MustChangePassword = false;
        user.SecurityStamp = User.NewStamp();
        audit.Record("password_changed", "User", user.Id, Label(user), "Senha alterada");
        await db.SaveChangesAsync();
        await sessions.RevokeAllAsync(user.Id, SessionRevokeReasons.PasswordChange, currentSessionId);
        if (currentSessionId is long sid) await sessions.AdoptStampAsync(sid, user.SecurityStamp);
        return errors;
    }

    public async Task ValidatePasswordAsync(FieldErrors errors, string field, string? password, string? email, string? username)
    {
        var policy = new PasswordPolicy((await settings.GetAsync()).PasswordMinLength);
        foreach (var message in policy.Validate(password, email, username)) errors.Add(field, message);
    }

    public Task<bool> AnotherActiveAdministratorAsync(long exceptUserId) =>
        db.Users.AnyAsync(u => u.Id != exceptUserId && u.IsActive && u.Roles.Any(r => r.Role.IsAdministrator));

    public static string Label(User user) => $"Usuário {user.Id} – {user.FullName}";

    private async Task<FieldErrors> ValidateAsync(UserInput input, long? existingId)
    {
        var errors = new FieldErrors();
        var email = Validators.Text(errors, "Email", input.Email, 254);
        if (email is not null && !Validators.IsEmail(email)) errors.Add("Email", "E-mail inválido.");
        var username = Validators.Text(errors, "Username", input.Username?.ToLowerInvariant(), 40, 3);
        if (username is not null && !Validators.IsUsername(username))
            errors.Add("Username", "Use de 3 a 40 caracteres: letras minúsculas, números, ponto, hífen ou sublinhado.");
        Validators.Text(errors, "FullName", input.FullName, 120, 2);
        if (email is not null && await db.Users.AnyAsync(u => u.Email == email.ToLowerInvariant() && u.Id != existingId))
            errors.Add("Email", "Já existe um usuário com este e-mail.");
        if (username is not null && await db.Users.AnyAsync(u => u.Username == username && u.Id != existingId))
            errors.Add("Username", "Já existe um usuário com este nome de usuário.");
        var sectorIds = input.SectorIds.Distinct().ToList();
        if (sectorIds.Count > 0 && await db.Sectors.CountAsync(s => sectorIds.Contains(s.Id)) != sectorIds.Count)
            errors.Add("SectorIds", "Setor inexistente.");
        var roleIds = input.RoleIds.Distinct().ToList();
        if (roleIds.Count > 0 && await db.Roles.CountAsync(r => roleIds.Contains(r.Id)) != roleIds.Count)
            errors.Add("RoleIds", "Papel inexistente.");
        return errors;
    }

    /// <summary>Snapshot of audited fields; with <paramref name="before"/> returns only what changed.</summary>
    private async Task<List<AuditChange>> DescribeAsync(User user, List<AuditChange>? before)
    {
        var sectorIds = user.Sectors.Select(s => s.SectorId).ToList();
        var roleIds = user.Roles.Select(r => r.RoleId).ToList();
        var sectorNames = await db.Sectors.Where(s => sectorIds.Contains(s.Id)).Select(s => s.Name).ToListAsync();
        var roleNames = await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name).ToListAsync();
        var now = new List<AuditChange>
        {
            new("E-mail", null, user.Email), new("Usuário", null, user.Username), new("Nome", null, user.FullName),
            new("Ativo", null, user.IsActive ? "sim" : "não"),
            new("Setores", null, string.Join(", ", sectorNames.Order())), new("Papéis", null, string.Join(", ", roleNames.Order())),
        };
        if (before is null) return now;
        var diff = new List<AuditChange>();
        foreach (var field in now)
            AuditLog.Diff(diff, field.Field, before.First(b => b.Field == field.Field).New, field.New);
        return diff;
    }
}
