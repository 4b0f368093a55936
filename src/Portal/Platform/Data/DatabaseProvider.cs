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
        services.AddSingleton<ChangeStamps>();
        services.AddSingleton<ChangeStampInterceptor>();
        services.AddSingleton<StampedCache>();
        if (provider.Kind == DatabaseKind.Sqlite) AddPooled<SqlitePortalDb>(services);
        else AddPooled<MySqlPortalDb>(services);
    }

    /// <summary>
    /// Contexts come from a pool (building one per request was about a third of the CPU of GET /api/v1/me,
    /// bench/results.md) but are still scoped: the scope leases one, attaches its audit actor and clock, and returns it
    /// to the pool when it ends.
    /// </summary>
    private static void AddPooled<TContext>(IServiceCollection services) where TContext : PortalDb
    {
        services.AddPooledDbContextFactory<TContext>((sp, o) =>
        {
            sp.GetRequiredService<DatabaseProvider>().Configure(o);
            o.AddInterceptors(sp.GetRequiredService<ChangeStampInterceptor>());
        });
        services.AddScoped<PortalDb>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            db.Lease(sp.GetService<Audit.IAuditActor>(), sp.GetRequiredService<TimeProvider>());
            return db;
        });
    }

    /// <summary>
    /// WAL + synchronous=NORMAL: commits do not wait for fsync (only checkpoints do). journal_mode is persistent and a
    /// no-op once set, so setting it on a connection's first open also covers the very first migration of a new file.
    /// synchronous and busy_timeout belong to the native connection, which Microsoft.Data.Sqlite pools and reuses, so
    /// the batch runs once per native connection: parsing it on every open was a measurable part of GET /api/v1/me.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            // The pooled native handle outlives the SqliteConnection wrapper; without one (never expected) apply every time.
            var handle = (connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle;
            if (handle is not null && Prepared.TryGetValue(handle, out _)) return;
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
            command.ExecuteNonQuery();
            if (handle is not null) Prepared.AddOrUpdate(handle, Instance);
        }
    }
}
