using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Platform.Configuration;

namespace Portal.Platform.Data;

public enum DatabaseKind { Sqlite, MySql }

/// <summary>All provider wiring in one place (ADR-001): SQLite by default, MySQL/MariaDB through Pomelo.</summary>
public sealed class DatabaseProvider
{
    private ServerVersion? _serverVersion;

    public DatabaseProvider(DatabaseKind kind, string connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
    }

    public DatabaseKind Kind { get; }
    public string ConnectionString { get; }

    public static DatabaseProvider FromConfiguration(IConfiguration configuration, PortalPaths paths)
    {
        var kind = (configuration["Database:Provider"] ?? "Sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseKind.Sqlite,
            "mysql" or "mariadb" => DatabaseKind.MySql,
            var other => throw new InvalidOperationException($"Database:Provider inválido: '{other}'. Use Sqlite ou MySql."),
        };
        var cs = configuration["Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (kind == DatabaseKind.MySql) throw new InvalidOperationException("Database:ConnectionString é obrigatório para MySql.");
            cs = $"Data Source={Path.Combine(paths.DataPath, "portal.db")}";
        }
        return new DatabaseProvider(kind, cs);
    }

    /// <summary>Detecting the MySQL server version needs a connection; done once, inside the start-up retry loop.</summary>
    public ServerVersion MySqlServerVersion => _serverVersion ??= ServerVersion.AutoDetect(ConnectionString);

    public void DetectServerVersion()
    {
        if (Kind == DatabaseKind.MySql) _ = MySqlServerVersion;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Kind)
        {
            case DatabaseKind.Sqlite:
                options.UseSqlite(ConnectionString, o => o.CommandTimeout(30));
                options.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseKind.MySql:
                // No retrying execution strategy: it forbids the explicit transactions that keep a change and its audit entry together.
                options.UseMySql(ConnectionString, MySqlServerVersion, o => o.CommandTimeout(30));
                break;
        }
    }

    public static void AddPortalDb(IServiceCollection services, DatabaseProvider provider)
    {
        services.AddSingleton(provider);
        if (provider.Kind == DatabaseKind.Sqlite)
            services.AddDbContext<PortalDb, SqlitePortalDb>((sp, o) => sp.GetRequiredService<DatabaseProvider>().Configure(o), optionsLifetime: ServiceLifetime.Singleton);
        else
            services.AddDbContext<PortalDb, MySqlPortalDb>((sp, o) => sp.GetRequiredService<DatabaseProvider>().Configure(o), optionsLifetime: ServiceLifetime.Singleton);
    }

    /// <summary>
    /// WAL + synchronous=NORMAL: commits do not wait for fsync (only checkpoints do). journal_mode is persistent and a
    /// no-op once set, so setting it on every open also covers the very first migration of a new file.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
            command.ExecuteNonQuery();
        }
    }
}
