using Portal.Platform.Health;
using Portal.Platform.Settings;

namespace Portal.Features.Account.Google;

/// <summary>Google sign-in on the health page.</summary>
public sealed class GoogleIntegration(SettingsService settings) : IIntegrationSource
{
    public async Task<IReadOnlyList<IntegrationSetting>> IntegrationsAsync(CancellationToken ct) =>
    [
        new("google", "Login com Google", (await settings.GetAsync(ct)).GoogleConfigured,
            "Configurações → Login com Google (Client ID e segredo)", GoogleProvider.HttpClientName),
    ];
}
