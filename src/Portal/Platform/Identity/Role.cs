using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Identity;

public sealed class Role : Entity
{
    public string Name { get; set; } = "";
    public string NameNormalized { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>The one system role that implicitly holds every permission, present and future.</summary>
    public bool IsAdministrator { get; set; }
    public string? StartPage { get; set; }
    public int SortOrder { get; set; }
    public List<UserRole> Members { get; set; } = [];
}

public sealed class UserRole
{
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public long RoleId { get; set; }
    public Role Role { get; set; } = null!;
}

/// <summary>A permission granted to exactly one of a role or a sector.</summary>
public sealed class PermissionGrant
{
    public long Id { get; set; }
    public string PermissionCode { get; set; } = "";
    public long? RoleId { get; set; }
    public Role? Role { get; set; }
    public long? SectorId { get; set; }
    public Sector? Sector { get; set; }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.ToTable("Roles");
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
        b.Property(r => r.NameNormalized).HasMaxLength(100).IsRequired();
        b.HasIndex(r => r.NameNormalized).IsUnique();
        b.Property(r => r.Description).HasMaxLength(255);
        b.Property(r => r.StartPage).HasMaxLength(200);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> b)
    {
        b.ToTable("UserRoles");
        b.HasKey(m => new { m.UserId, m.RoleId });
        b.HasIndex(m => m.RoleId);
        b.HasOne(m => m.User).WithMany(u => u.Roles).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Role).WithMany(r => r.Members).HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PermissionGrantConfiguration : IEntityTypeConfiguration<PermissionGrant>
{
    public void Configure(EntityTypeBuilder<PermissionGrant> b)
    {
        b.ToTable("PermissionGrants", t => t.HasCheckConstraint("CK_PermissionGrants_OneGrantee",
            "(RoleId IS NULL AND SectorId IS NOT NULL) OR (RoleId IS NOT NULL AND SectorId IS NULL)"));
        b.Property(g => g.PermissionCode).HasMaxLength(100).IsRequired();
        b.HasIndex(g => new { g.PermissionCode, g.RoleId, g.SectorId }).IsUnique();
        b.HasIndex(g => g.RoleId);
        b.HasIndex(g => g.SectorId);
        b.HasOne(g => g.Role).WithMany().HasForeignKey(g => g.RoleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(g => g.Sector).WithMany().HasForeignKey(g => g.SectorId).OnDelete(DeleteBehavior.Restrict);
    }
}
