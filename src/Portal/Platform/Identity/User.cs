using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Identity;

public sealed class User : Entity
{
    public string Email { get; set; } = "";
    public string Username { get; set; } = "";
    public string FullName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public string? PasswordHash { get; set; }
    public DateTime? PasswordChangedAt { get; set; }
    public bool MustChangePassword { get; set; }
    public string SecurityStamp { get; set; } = NewStamp();
    [NotAnEdit] public int FailedLoginCount { get; set; }
    [NotAnEdit] public DateTime? LockoutEndAt { get; set; }
    public string? GoogleSubject { get; set; }
    public string? PhotoUrl { get; set; }
    public Guid? PhotoFileId { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? StartPage { get; set; }
    [NotAnEdit] public DateTime? LastLoginAt { get; set; }
    [NotAnEdit] public DateTime? LastActivityAt { get; set; }
    /// <summary>True for accounts made by <c>portal seed-demo</c>; the seeder refuses to run over real users.</summary>
    public bool IsDemo { get; set; }

    public List<SectorMembership> Sectors { get; set; } = [];
    public List<UserRole> Roles { get; set; } = [];

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("Users");
        b.Property(u => u.Email).HasMaxLength(254).IsRequired();
        b.HasIndex(u => u.Email).IsUnique();
        b.Property(u => u.Username).HasMaxLength(40).IsRequired();
        b.HasIndex(u => u.Username).IsUnique();
        b.Property(u => u.FullName).HasMaxLength(120).IsRequired();
        b.Property(u => u.PasswordHash).HasMaxLength(512);
        b.Property(u => u.SecurityStamp).HasMaxLength(64).IsRequired();
        b.Property(u => u.GoogleSubject).HasMaxLength(255);
        b.HasIndex(u => u.GoogleSubject).IsUnique();
        b.Property(u => u.PhotoUrl).HasMaxLength(500);
        b.Property(u => u.StartPage).HasMaxLength(200);
        b.HasIndex(u => new { u.IsActive, u.FullName });
    }
}
