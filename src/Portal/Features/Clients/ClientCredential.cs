using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

/// <summary>
/// An access to one of the client's portals (clients.md §7). The password is only ever held encrypted
/// (<see cref="CredentialVault"/>); nothing but the reveal endpoint decrypts it.
/// </summary>
public sealed class ClientCredential : Entity
{
    public long ClientId { get; set; }
    public string SystemName { get; set; } = "";
    public string? Url { get; set; }
    public string? Username { get; set; }
    public byte[]? PasswordEncrypted { get; set; }
    public string? Notes { get; set; }
    public DateTime? PasswordUpdatedAt { get; set; }
    public long? PasswordUpdatedById { get; set; }
}

internal sealed class ClientCredentialConfiguration : IEntityTypeConfiguration<ClientCredential>
{
    public void Configure(EntityTypeBuilder<ClientCredential> b)
    {
        b.ToTable("ClientCredentials");
        b.Property(c => c.SystemName).HasMaxLength(100).IsRequired();
        b.Property(c => c.Url).HasMaxLength(500);
        b.Property(c => c.Username).HasMaxLength(150);
        b.Property(c => c.PasswordEncrypted).HasMaxLength(2048);
        b.Property(c => c.Notes).HasMaxLength(500);
        b.HasOne<Client>().WithMany(c => c.Credentials).HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ClientId, c.SystemName });
    }
}
