using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portal.Platform.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel (real HTTP on 127.0.0.1), on SQLite or on a private MariaDB database, with its own data
/// folder. One instance is shared per provider by the integration collections; tests that need an empty database
/// start their own with <see cref="StartAsync"/>.
/// </summary>
public sealed class PortalApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private string? _mySqlDatabase;

    public DatabaseKind Provider { get; }
    public string DataPath { get; }
    public Uri BaseAddress { get; private set; } = null!;

    private PortalApp(DatabaseKind provider, IDictionary<string, string?>? settings)
    {
        Provider = provider;
        DataPath = Directory.CreateTempSubdirectory("portal-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Portal:DataPath"] = DataPath,
            ["Tls:Mode"] = "None",
            ["Database:ConnectRetries"] = "2",
            ["Database:ConnectRetryDelaySeconds"] = "0.2",
        };
        if (provider == DatabaseKind.MySql)
        {
            _mySqlDatabase = "portal_t" + Guid.NewGuid().ToString("N")[..12];
            _settings["Database:Provider"] = "MySql";
            _settings["Database:ConnectionString"] = MySqlServer + $"Database={_mySqlDatabase};";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
        // Tls:Mode=Kestrel declares its own HTTPS + HTTP endpoints (Tls:HttpsPort/HttpPort, 0 = any free port).
        _ownEndpoints = string.Equals(_settings["Tls:Mode"], "Kestrel", StringComparison.OrdinalIgnoreCase);
        if (_ownEndpoints) UseKestrel();
        else UseKestrel(0);
    }

    /// <summary>Connection string of the private MariaDB started by scripts/test.sh (no database name).</summary>
    public static string MySqlServer =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_MYSQL") is { Length: > 0 } cs
            ? (cs.EndsWith(';') ? cs : cs + ";")
            : throw new InvalidOperationException("PORTAL_TEST_MYSQL não definido: rode os testes com scripts/test.sh (ele inicia o MariaDB).");

    public static async Task<PortalApp> StartAsync(DatabaseKind provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool demo = false)
    {
        var app = new PortalApp(provider, settings) { _configureServices = services, _demo = demo };
        await app.StartInBackgroundAsync();
        return app;
    }

    private readonly bool _ownEndpoints;
    private Action<IServiceCollection>? _configureServices;

    /// <summary>Every address the server listens on (Kestrel mode: the HTTPS one first, then HTTP).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];
    private bool _demo;

    private Task StartInBackgroundAsync() => Task.Run(() =>
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Addresses = addresses.Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)))
            .OrderBy(a => a.Scheme == "https" ? 0 : 1).ToList();
        BaseAddress = Addresses[0];
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (!_ownEndpoints) builder.UseSetting("Urls", "http://127.0.0.1:0");
        if (_demo) builder.UseSetting("Portal:Demo", "true"); // same as the `--demo` run option
        if (_configureServices is not null) builder.ConfigureServices(_configureServices);
    }

    /// <summary>A browser-like client: own cookies, no automatic redirects, and its own client IP (X-Forwarded-For
    /// from the trusted loopback proxy) so per-IP limits of one test do not affect another.</summary>
    public TestClient NewClient(string? ip = null) => new(this, ip ?? RandomIp());

    public async Task<T> WithDbAsync<T>(Func<PortalDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    public async Task WithDbAsync(Func<PortalDb, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>All log files (or those ending with <paramref name="suffix"/>) as one string.</summary>
    public string ReadLogs(string suffix = "")
    {
        var dir = Path.Combine(DataPath, "logs");
        if (!Directory.Exists(dir)) return "";
        return string.Join("\n", Directory.GetFiles(dir).Where(f => f.EndsWith(suffix, StringComparison.Ordinal)).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    private static string RandomIp() => $"10.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 254)}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_mySqlDatabase is not null)
        {
            try
            {
                await using var connection = new MySqlConnection(MySqlServer);
                await connection.OpenAsync();
                await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{_mySqlDatabase}`", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (MySqlException) { }
        }
        MySqlConnectionPool();
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { }
    }

    private static void MySqlConnectionPool() => MySqlConnection.ClearAllPools();
}
