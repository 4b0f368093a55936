using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Backup;

/// <summary>
/// A populated portal (demo data, a stored file) per provider for the backup tests. Tests build their own
/// <see cref="BackupService"/> with their own options (folder, password, copy target), so runs never share a folder.
/// </summary>
public abstract class BackupPortal(DatabaseKind provider) : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, demo: true);
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
        var files = App.Services.GetRequiredService<PortalPaths>().FilesPath;
        Directory.CreateDirectory(Path.Combine(files, "2026", "11"));
        await File.WriteAllTextAsync(Path.Combine(files, "2026", "11", "contrato.txt"), "conteúdo do contrato");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public BackupService Service(BackupOptions options) => ActivatorUtilities.CreateInstance<BackupService>(App.Services, options);

    public static BackupOptions Options(string folder, string? password = null, string? copyTo = null, IReadOnlyList<string>? notify = null) => new()
    {
        Path = folder, ArchivePassword = password, CopyTo = copyTo, NotifyEmails = notify ?? [],
    };

    /// <summary>An empty MariaDB database on the test server (dropped by <see cref="DropMySqlAsync"/>).</summary>
    public static async Task<DatabaseProvider> FreshMySqlAsync()
    {
        var name = "portal_r" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new MySqlConnection(PortalApp.MySqlServer);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await command.ExecuteNonQueryAsync();
        return new DatabaseProvider(DatabaseKind.MySql, PortalApp.MySqlServer + $"Database={name};");
    }

    public static async Task DropMySqlAsync(DatabaseProvider provider)
    {
        var name = new MySqlConnectionStringBuilder(provider.ConnectionString).Database;
        await using var connection = new MySqlConnection(PortalApp.MySqlServer);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`", connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class BackupSqlitePortal() : BackupPortal(DatabaseKind.Sqlite);

public sealed class BackupMySqlPortal() : BackupPortal(DatabaseKind.MySql);

[CollectionDefinition(Name)]
public sealed class BackupSqliteCollection : ICollectionFixture<BackupSqlitePortal>
{
    public const string Name = "backup-sqlite";
}

[CollectionDefinition(Name)]
public sealed class BackupMySqlCollection : ICollectionFixture<BackupMySqlPortal>
{
    public const string Name = "backup-mysql";
}
