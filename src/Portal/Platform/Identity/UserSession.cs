using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Identity;

/// <summary>Server-side web session; the cookie holds a random value whose SHA-256 is <see cref="TokenHash"/>.</summary>
public sealed class UserSession
{
    public long Id { get; set; }
    public string TokenHash { get; set; } = "";
    /// <summary>Opaque public id shown in lists and the API — never the cookie value.</summary>
    public string PublicId { get; set; } = "";
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public string SecurityStamp { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int IdleTimeoutMinutes { get; set; }
    public bool IsPersistent { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string AuthMethod { get; set; } = "password";
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}

public sealed class PasswordResetToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? RequestedIp { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.Property(s => s.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.Property(s => s.PublicId).HasMaxLength(32).IsRequired();
        b.HasIndex(s => s.PublicId).IsUnique();
        b.Property(s => s.SecurityStamp).HasMaxLength(64).IsRequired();
        b.Property(s => s.IpAddress).HasMaxLength(45);
        b.Property(s => s.UserAgent).HasMaxLength(500);
        b.Property(s => s.AuthMethod).HasMaxLength(20).IsRequired();
        b.Property(s => s.RevokedReason).HasMaxLength(30);
        b.HasIndex(s => new { s.UserId, s.RevokedAt });
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasswordResetTokenConfiguration : IEntityTypeConfiguration<PasswordResetToken>
{
    public void Configure(EntityTypeBuilder<PasswordResetToken> b)
    {
        b.ToTable("PasswordResetTokens");
        b.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.RequestedIp).HasMaxLength(45);
        b.HasIndex(t => t.UserId);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
