using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Security;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

public sealed record CredentialInput(string? SystemName, string? Url, string? Username, string? Password, string? Notes);

public enum VaultOutcome { Saved, Invalid, NotFound, Conflict, RateLimited }

public sealed record VaultResult(VaultOutcome Outcome, ClientCredential? Credential = null, FieldErrors? Errors = null, string? Password = null, TimeSpan RetryAfter = default)
{
    public bool Succeeded => Outcome == VaultOutcome.Saved;
}

/// <summary>
/// The client credentials vault (clients.md §7). Passwords are encrypted with Data Protection under their own purpose
/// (the key id travels in the ciphertext, so keys rotate without re-encrypting). Only <see cref="RevealAsync"/>
/// decrypts, and it is rate limited and audited; audit diffs say "alterada" and never carry a value.
/// </summary>
public sealed class CredentialVault(PortalDb db, AuditLog audit, IDataProtectionProvider protection, AttemptLimiter limiter, TimeProvider clock)
{
    public const string Purpose = "Portal.Clients.CredentialPassword.v1";
    public const int RevealLimit = 30;
    public static readonly TimeSpan RevealWindow = TimeSpan.FromMinutes(10);
    public const int PasswordMax = 200;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<VaultResult> AddAsync(long clientId, CredentialInput input, long actorId, CancellationToken ct = default)
    {
        var client = await db.Clients().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null) return new VaultResult(VaultOutcome.NotFound);
        var (valid, errors) = Validate(input);
        if (!errors.IsValid) return new VaultResult(VaultOutcome.Invalid, Errors: errors);
        var credential = new ClientCredential { ClientId = clientId };
        Apply(credential, valid!.Value, input.Password, actorId);
        db.ClientCredentials().Add(credential);
        await AuditedInsert.SaveAsync(db, () => audit.Record("create", ClientService.ResourceType, clientId, ClientService.AuditLabel(client),
            $"Acesso {credential.SystemName} adicionado", Describe(credential, null, passwordChanged: credential.PasswordEncrypted is not null)), ct);
        return new VaultResult(VaultOutcome.Saved, credential);
    }

    /// <summary>An empty password keeps the current one (clients.md §7).</summary>
    public async Task<VaultResult> UpdateAsync(long clientId, long credentialId, CredentialInput input, int version, long actorId, CancellationToken ct = default)
    {
        var credential = await db.ClientCredentials().FirstOrDefaultAsync(c => c.Id == credentialId && c.ClientId == clientId, ct);
        var client = await db.Clients().AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (credential is null || client is null) return new VaultResult(VaultOutcome.NotFound);
        var (valid, errors) = Validate(input);
        if (!errors.IsValid) return new VaultResult(VaultOutcome.Invalid, credential, errors);
        if (credential.Version != version) return new VaultResult(VaultOutcome.Conflict, credential);

        var before = Describe(credential, null, false);
        db.Entry(credential).Property(c => c.Version).OriginalValue = version;
        var passwordChanged = !string.IsNullOrEmpty(input.Password);
        Apply(credential, valid!.Value, input.Password, actorId);
        var changes = Describe(credential, before, passwordChanged);
        if (changes.Count == 0) return new VaultResult(VaultOutcome.Saved, credential);
        audit.Record("update", ClientService.ResourceType, clientId, ClientService.AuditLabel(client), $"Acesso {credential.SystemName} alterado", changes);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new VaultResult(VaultOutcome.Conflict, await db.ClientCredentials().AsNoTracking().FirstOrDefaultAsync(c => c.Id == credentialId, ct));
        }
        return new VaultResult(VaultOutcome.Saved, credential);
    }

    public async Task<VaultResult> DeleteAsync(long clientId, long credentialId, CancellationToken ct = default)
    {
        var credential = await db.ClientCredentials().FirstOrDefaultAsync(c => c.Id == credentialId && c.ClientId == clientId, ct);
        var client = await db.Clients().AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (credential is null || client is null) return new VaultResult(VaultOutcome.NotFound);
        db.ClientCredentials().Remove(credential);
        audit.Record("delete", ClientService.ResourceType, clientId, ClientService.AuditLabel(client), $"Acesso {credential.SystemName} excluído",
            Describe(credential, null, false).Select(c => new AuditChange(c.Field, c.New, null)).ToList());
        await db.SaveChangesAsync(ct);
        return new VaultResult(VaultOutcome.Saved, credential);
    }

    /// <summary>Decrypts one password for the caller, writing the <c>credential_revealed</c> entry (limit 30 per 10 minutes per user).</summary>
    public async Task<VaultResult> RevealAsync(long clientId, long credentialId, long actorId, CancellationToken ct = default)
    {
        var credential = await db.ClientCredentials().AsNoTracking().FirstOrDefaultAsync(c => c.Id == credentialId && c.ClientId == clientId, ct);
        var client = await db.Clients().AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (credential is null || client is null) return new VaultResult(VaultOutcome.NotFound);
        var limit = await limiter.HitAsync($"credential-reveal:u:{actorId}", RevealLimit, RevealWindow, ct);
        if (!limit.Allowed) return new VaultResult(VaultOutcome.RateLimited, RetryAfter: limit.RetryAfter);
        var password = credential.PasswordEncrypted is null ? "" : Unprotect(credential.PasswordEncrypted);
        audit.Record("credential_revealed", ClientService.ResourceType, clientId, ClientService.AuditLabel(client),
            $"Senha do acesso {credential.SystemName} revelada",
            [new AuditChange("Acesso", null, $"{credential.SystemName} (#{credential.Id})")]);
        await db.SaveChangesAsync(ct);
        return new VaultResult(VaultOutcome.Saved, credential, Password: password);
    }

    /// <summary>For import and demo data: the same encryption as the form.</summary>
    public byte[] Protect(string password) => _protector.Protect(System.Text.Encoding.UTF8.GetBytes(password));

    private string Unprotect(byte[] data) => System.Text.Encoding.UTF8.GetString(_protector.Unprotect(data));

    private void Apply(ClientCredential c, (string SystemName, string? Url, string? Username, string? Notes) v, string? password, long actorId)
    {
        c.SystemName = v.SystemName;
        c.Url = v.Url;
        c.Username = v.Username;
        c.Notes = v.Notes;
        if (!string.IsNullOrEmpty(password))
        {
            c.PasswordEncrypted = Protect(password);
            c.PasswordUpdatedAt = clock.GetUtcNow().UtcDateTime;
            c.PasswordUpdatedById = actorId == 0 ? null : actorId;
        }
    }

    private static ((string SystemName, string? Url, string? Username, string? Notes)? Value, FieldErrors Errors) Validate(CredentialInput input)
    {
        var errors = new FieldErrors();
        var system = Validators.Text(errors, nameof(CredentialInput.SystemName), input.SystemName, 100, 1);
        var url = Validators.Text(errors, nameof(CredentialInput.Url), input.Url, 500, required: false);
        if (url is not null && !BrazilianFormats.IsHttpUrl(url)) errors.Add(nameof(CredentialInput.Url), BrazilianFormats.InvalidUrl);
        var username = Validators.Text(errors, nameof(CredentialInput.Username), input.Username, 150, required: false);
        var notes = Validators.Text(errors, nameof(CredentialInput.Notes), input.Notes, 500, required: false);
        if (input.Password is { Length: > PasswordMax }) errors.Add(nameof(CredentialInput.Password), Validators.MaxLength(PasswordMax));
        return (errors.IsValid ? (system!, url, username, notes) : null, errors);
    }

    /// <summary>Audited fields; the password only as "definida"/"alterada", never its value (clients.md §5, CLI-14).</summary>
    private static List<AuditChange> Describe(ClientCredential c, List<AuditChange>? before, bool passwordChanged)
    {
        var now = new List<AuditChange>
        {
            new("Sistema", null, c.SystemName), new("URL", null, c.Url), new("Usuário", null, c.Username), new("Observações", null, c.Notes),
        };
        if (before is null)
        {
            var created = now.Where(x => x.New is not null).ToList();
            if (passwordChanged) created.Add(new AuditChange("Senha", null, "definida"));
            return created;
        }
        var diff = new List<AuditChange>();
        foreach (var field in now) AuditLog.Diff(diff, field.Field, before.FirstOrDefault(b => b.Field == field.Field)?.New, field.New);
        if (passwordChanged) diff.Add(new AuditChange("Senha", null, "alterada"));
        return diff;
    }
}
