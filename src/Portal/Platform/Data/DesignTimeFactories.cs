using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Platform.Data;

// Used only by `dotnet ef migrations add`; no database connection is needed to generate migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDb>
{
    public SqlitePortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlPortalDb>
{
    public MySqlPortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlPortalDb>()
            .UseMySql("Server=localhost;Database=portal", new MariaDbServerVersion(new Version(10, 11))).Options);
}
