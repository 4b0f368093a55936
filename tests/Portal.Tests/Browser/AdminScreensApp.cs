using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>
/// A private portal with the demo data for the administration screens in a browser: realistic names make the
/// screenshots worth reviewing, and the tests may change firm-wide settings without disturbing the shared apps.
/// </summary>
public sealed class AdminScreensApp : IAsyncLifetime
{
    public const string AdminEmail = "admin@demo.portal.local";
    public const string AdminName = "Ana Administradora";

    public PortalApp App { get; private set; } = null!;

    /// <summary>The demo users' shared random password (demo-credentials.txt).</summary>
    public string Password { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(DatabaseKind.Sqlite, demo: true);
        var credentials = await File.ReadAllLinesAsync(Path.Combine(App.DataPath, "demo-credentials.txt"));
        Password = credentials.First(l => l.StartsWith("Senha", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}
