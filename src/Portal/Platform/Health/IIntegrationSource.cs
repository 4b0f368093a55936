namespace Portal.Platform.Health;

/// <summary>An outgoing HTTP integration a feature owns, as the health page lists it (operations.md §6.2).</summary>
/// <param name="Setup">Where to configure it (setting names or screen), never a value.</param>
/// <param name="HttpClient">The named HTTP client whose calls <see cref="IntegrationActivity"/> observes.</param>
public sealed record IntegrationSetting(string Key, string Name, bool Configured, string Setup, string HttpClient);

/// <summary>Implemented by each feature with third-party integrations; the health page asks all of them.</summary>
public interface IIntegrationSource
{
    Task<IReadOnlyList<IntegrationSetting>> IntegrationsAsync(CancellationToken ct);
}
