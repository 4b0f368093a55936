using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Platform.Data;

namespace Portal.Tests.Platform;

/// <summary>ARCHITECTURE.md §3: every schema change has a migration for BOTH providers.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "SQLite: run scripts/add-migration.sh <Name>");
    }

    [Fact]
    public void MySql_model_has_no_pending_changes()
    {
        using var db = new MySqlDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "MySQL: run scripts/add-migration.sh <Name>");
    }

    [Fact]
    public void Both_providers_have_the_same_migration_names()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var mysql = new MySqlDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(mysql));
        Assert.NotEmpty(Names(sqlite));
    }
}
