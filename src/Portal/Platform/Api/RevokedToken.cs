using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Api;

/// <summary>Deny-list of API token ids (logout, refresh) kept until the token would expire anyway (api.md §3.2).</summary>
public sealed class RevokedToken
{
    public string Jti { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

internal sealed class RevokedTokenConfiguration : IEntityTypeConfiguration<RevokedToken>
{
    public void Configure(EntityTypeBuilder<RevokedToken> b)
    {
        b.ToTable("RevokedTokens");
        b.HasKey(t => t.Jti);
        b.Property(t => t.Jti).HasMaxLength(64);
        b.HasIndex(t => t.ExpiresAt);
    }
}
