using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Platform.Files;

/// <summary>Metadata of a file kept outside the web root (platform.md §5.1).</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public string OwnerType { get; set; } = "";
    public long OwnerId { get; set; }
    public string Purpose { get; set; } = "";
    public string OriginalName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public long? UploadedById { get; set; }
    public DateTime UploadedAt { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.Property(f => f.OwnerType).HasMaxLength(60).IsRequired();
        b.Property(f => f.Purpose).HasMaxLength(60).IsRequired();
        b.Property(f => f.OriginalName).HasMaxLength(255).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        b.Property(f => f.StorageKey).HasMaxLength(300).IsRequired();
        b.HasIndex(f => new { f.OwnerType, f.OwnerId });
    }
}
