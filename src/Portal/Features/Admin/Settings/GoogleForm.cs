using System.Text.RegularExpressions;
using Portal.Platform.Settings;
using Portal.Platform.Validation;
using static Portal.Features.Admin.Settings.SettingsFields;

namespace Portal.Features.Admin.Settings;

/// <summary>"Login com Google" (identity.md §6).</summary>
public sealed partial class GoogleForm
{
    public const string Off = "off";
    public const string Create = "create";
    public const string DomainsRequired = "Informe ao menos um domínio permitido para criar contas automaticamente.";

    public string? ClientId { get; set; }
    /// <summary>Write-only: never filled from storage; blank keeps the stored secret.</summary>
    public string? ClientSecret { get; set; }
    public bool RemoveSecret { get; set; }
    public string? AllowedDomains { get; set; }
    public string? AutoCreate { get; set; }
    public string? AutoCreateRoleId { get; set; }
    public bool SyncName { get; set; } = true;

    public static GoogleForm From(PortalSettings s, long? defaultRoleId)
    {
        var domains = s.GoogleAllowedDomains;
        var stored = s.Raw(SettingKeys.GoogleAutoCreate);
        return new GoogleForm
        {
            ClientId = s.GoogleClientId,
            AllowedDomains = string.Join("\n", domains),
            // identity.md §6: with allowed domains and no choice made yet, "Criar conta" is pre-selected.
            AutoCreate = (stored is null ? domains.Count > 0 : s.GoogleAutoCreate) ? Create : Off,
            AutoCreateRoleId = (s.GoogleAutoCreateRoleId ?? defaultRoleId)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SyncName = s.GoogleSyncName,
        };
    }

    /// <param name="roleIds">Roles that may be given to accounts created by Google sign-in.</param>
    public Dictionary<string, string?>? Validate(FieldErrors errors, IReadOnlyCollection<long> roleIds)
    {
        var clientId = Validators.Text(errors, nameof(ClientId), ClientId, 200, required: false);
        if (clientId is not null && clientId.Any(char.IsWhiteSpace)) errors.Add(nameof(ClientId), "O client ID não pode conter espaços.");
        if (ClientSecret is { Length: > 500 }) errors.Add(nameof(ClientSecret), Validators.MaxLength(500));
        if (RemoveSecret && HasNewSecret(ClientSecret))
            errors.Add(nameof(ClientSecret), "Informe um novo segredo ou marque \"Remover segredo\", não os dois.");
        var domains = ParseDomains(errors);
        if (AutoCreate is not (Off or Create)) errors.Add(nameof(AutoCreate), Invalid);
        else if (AutoCreate == Create && domains.Count == 0) errors.Add(nameof(AllowedDomains), DomainsRequired);
        long? roleId = long.TryParse(AutoCreateRoleId, out var id) && roleIds.Contains(id) ? id : null;
        if (roleId is null && (AutoCreate == Create || !string.IsNullOrWhiteSpace(AutoCreateRoleId)))
            errors.Add(nameof(AutoCreateRoleId), "Escolha um papel válido.");
        if (!errors.IsValid) return null;

        var values = new Dictionary<string, string?>
        {
            [SettingKeys.GoogleClientId] = clientId,
            [SettingKeys.GoogleAllowedDomains] = domains.Count == 0 ? null : string.Join("\n", domains),
            [SettingKeys.GoogleAutoCreate] = Format(AutoCreate == Create),
            [SettingKeys.GoogleAutoCreateRoleId] = roleId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SettingKeys.GoogleSyncName] = Format(SyncName),
        };
        if (HasNewSecret(ClientSecret)) values[SettingKeys.GoogleClientSecret] = ClientSecret!.Trim();
        else if (RemoveSecret) values[SettingKeys.GoogleClientSecret] = null;
        return values;
    }

    /// <summary>One per line or separated by commas; "@empresa.com.br" is accepted as "empresa.com.br".</summary>
    private List<string> ParseDomains(FieldErrors errors)
    {
        if (AllowedDomains is { Length: > 2000 })
        {
            errors.Add(nameof(AllowedDomains), Validators.MaxLength(2000));
            return [];
        }
        var domains = new List<string>();
        foreach (var item in (AllowedDomains ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var domain = item.TrimStart('@').ToLowerInvariant();
            if (!DomainPattern().IsMatch(domain)) errors.Add(nameof(AllowedDomains), $"Domínio inválido: {item}.");
            else if (!domains.Contains(domain)) domains.Add(domain);
        }
        return domains;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")]
    private static partial Regex DomainPattern();
}
