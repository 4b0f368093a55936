using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Platform.Setup;

public sealed record SetupInput(string? Code, string? FirmName, string? Email, string? FullName, string? Password, string? Confirmation);

/// <summary>The /setup form: creates the first administrator and the firm name, then setup disables itself.</summary>
public sealed class SetupService(PortalDb db, SetupState state, UserAccounts accounts, SettingsService settings, AuditLog audit)
{
    public async Task<(User? User, FieldErrors Errors)> CompleteAsync(SetupInput input)
    {
        var errors = new FieldErrors();
        if (!state.CodeMatches(input.Code)) errors.Add("Code", "Código de configuração inválido. Veja o arquivo setup-code.txt na pasta de dados.");
        var firm = Validators.Text(errors, "FirmName", input.FirmName, 120, 2);
        if (input.Password != input.Confirmation) errors.Add("Confirmation", "A confirmação não confere com a senha.");
        if (!errors.IsValid)
        {
            // Still report field problems of the account itself in one pass.
            await accounts.ValidatePasswordAsync(errors, "Password", input.Password, input.Email, null);
            return (null, errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await SetupState.HasActiveAdministratorAsync(db))
        {
            errors.Add("", "A configuração inicial já foi concluída.");
            return (null, errors);
        }
        var adminRole = await db.Roles.FirstAsync(r => r.IsAdministrator);
        var username = await UniqueUsernameAsync(db, input.Email ?? "");
        var result = await accounts.CreateAsync(new UserInput(input.Email, username, input.FullName, true, [], [adminRole.Id], input.Password),
            "Administrador criado na configuração inicial");
        if (!result.Succeeded) return (null, result.Errors);
        var changes = await settings.StageAsync(new Dictionary<string, string?> { [SettingKeys.FirmName] = firm }, result.User!.Id);
        audit.Record("settings_changed", "Settings", null, "Configurações", "Configuração inicial", changes, result.User.Id, result.User.FullName);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        settings.Invalidate();
        state.Complete();
        return (result.User, errors);
    }

    /// <summary>Username from the e-mail's local part, with "2", "3"… on collision (identity.md §6 step 4).</summary>
    public static async Task<string> UniqueUsernameAsync(PortalDb db, string email)
    {
        var local = email.Split('@')[0].ToLowerInvariant();
        var baseName = new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
        if (baseName.Length < 3) baseName = (baseName + "usuario")[..Math.Max(3, Math.Min(baseName.Length + 7, 40))];
        if (baseName.Length > 36) baseName = baseName[..36];
        var candidate = baseName;
        for (var i = 2; await db.Users.AnyAsync(u => u.Username == candidate); i++) candidate = baseName + i;
        return candidate;
    }
}
