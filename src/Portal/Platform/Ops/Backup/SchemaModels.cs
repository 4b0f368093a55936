using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Platform.Ops.Backup;

/// <summary>
/// The model a database actually has: the target model of the last migration applied to it. The portable dump reads
/// and writes tables through it, so a database still on an older schema (the backup taken before migrating, a restore
/// of an older backup) is read with its own tables and columns instead of the current code's.
/// </summary>
public static class SchemaModels
{
    /// <summary>Model of the last migration applied to <paramref name="db"/>'s database (the current model when up to date or empty).</summary>
    public static async Task<IModel> AppliedAsync(DbContext db, CancellationToken ct)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        return applied.Count == 0 ? db.Model : AtMigration(db, applied[^1]);
    }

    /// <summary>Model of one migration of this provider (by full id); the current model for the latest one.</summary>
    public static IModel AtMigration(DbContext db, string migrationId)
    {
        var assembly = db.GetService<IMigrationsAssembly>();
        if (assembly.Migrations.Keys.Max(StringComparer.Ordinal) == migrationId) return db.Model;
        if (!assembly.Migrations.TryGetValue(migrationId, out var type))
            throw new BackupException($"O banco está numa migração desconhecida por esta versão do portal ('{migrationId}').");
        var migration = assembly.CreateMigration(type, db.Database.ProviderName!);
        var target = migration.TargetModel ?? throw new BackupException($"A migração '{migrationId}' não tem modelo de destino.");
        // Same finalization the migrator applies before diffing: it adds the relational model (tables and columns).
        return db.GetService<IModelRuntimeInitializer>().Initialize(target, designTime: true, validationLogger: null);
    }
}
