using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Platform.Audit;
using Portal.Platform.Email;
using Portal.Platform.Files;
using Portal.Platform.Identity;
using Portal.Platform.Lookups;
using Portal.Platform.Security;
using Portal.Platform.Settings;
using Portal.Platform.Views;
using Portal.Platform.Workflows;

namespace Portal.Platform.Data;

/// <summary>
/// The one database context. Each provider has a subclass (<see cref="SqlitePortalDb"/>, <see cref="MySqlPortalDb"/>)
/// only so that the two migration sets can live side by side (ADR-002). Code always asks for <c>PortalDb</c>.
/// Instances are pooled (<see cref="DatabaseProvider.AddPortalDb"/>): a pooled context is built once with only its
/// options, so the request's actor and clock are attached per lease by <see cref="Lease"/> and dropped on return.
/// </summary>
public abstract class PortalDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    private IAuditActor? _actor;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>Binds a (pooled) context to the scope that leased it: CreatedById/UpdatedById and timestamps come from there.</summary>
    internal void Lease(IAuditActor? actor, TimeProvider clock)
    {
        _actor = actor;
        _clock = clock;
        KeepGivenTimestamps = false;
    }

    /// <summary>The legacy import brings rows with their original creation/update times: when set, an added entity that
    /// already carries a CreatedAt keeps it (and its UpdatedAt). Reset on every lease.</summary>
    internal bool KeepGivenTimestamps { get; set; }

    // Back in the pool the context must not keep the previous request's actor (nor keep its scope alive).
    public override void Dispose()
    {
        Lease(null, TimeProvider.System);
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        Lease(null, TimeProvider.System);
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<SectorMembership> SectorMemberships => Set<SectorMembership>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SystemSetting> SystemSettings => Set<SystemSetting>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();
    public DbSet<LookupList> LookupLists => Set<LookupList>();
    public DbSet<LookupValue> LookupValues => Set<LookupValue>();
    public DbSet<WorkflowDefinition> WorkflowDefinitions => Set<WorkflowDefinition>();
    public DbSet<WorkflowState> WorkflowStates => Set<WorkflowState>();
    public DbSet<WorkflowTransition> WorkflowTransitions => Set<WorkflowTransition>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Api.RevokedToken> RevokedTokens => Set<Api.RevokedToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDb).Assembly);
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(type.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC (spec README §5); providers hand back Unspecified, so mark it on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ApplyConventions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ApplyConventions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void ApplyConventions()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var actorId = _actor?.UserId;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added && KeepGivenTimestamps && entry.Entity.CreatedAt != default)
            {
                if (entry.Entity.UpdatedAt == default) entry.Entity.UpdatedAt = entry.Entity.CreatedAt;
                entry.Entity.CreatedById ??= actorId;
                entry.Entity.UpdatedById ??= actorId;
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = entry.Entity.UpdatedAt = now;
                entry.Entity.CreatedById ??= actorId;
                entry.Entity.UpdatedById ??= actorId;
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !IsBookkeeping(p)))
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedById = actorId;
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }
    }

    private static bool IsBookkeeping(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry property) =>
        property.Metadata.PropertyInfo?.IsDefined(typeof(NotAnEditAttribute), inherit: false) == true;

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public sealed class SqlitePortalDb(DbContextOptions<SqlitePortalDb> options) : PortalDb(options);

public sealed class MySqlPortalDb(DbContextOptions<MySqlPortalDb> options) : PortalDb(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // utf8mb4 + a case- and accent-insensitive collation: "joao" finds "João" (spec README §6.13).
        modelBuilder.HasCharSet("utf8mb4").UseCollation("utf8mb4_unicode_ci");
        base.OnModelCreating(modelBuilder);
    }
}
