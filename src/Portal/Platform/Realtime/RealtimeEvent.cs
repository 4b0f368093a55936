using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Realtime;

/// <summary>
/// One published stream message, kept in the database so a reconnecting stream on any instance can replay what it
/// missed (notifications.md §5, NTF-04). Its <see cref="Id"/> is the SSE <c>id:</c>. Rows live
/// <see cref="RealtimeReplay.Kept"/>, longer than the replay window, so a client's last id still has its row.
/// </summary>
public sealed class RealtimeEvent
{
    public const int TypeMax = 60;

    public long Id { get; set; }
    public string Type { get; set; } = "";
    public string Json { get; set; } = "{}";

    /// <summary>Recipients as ",1,5,9," (one LIKE-able text column portable to both providers); null = every user.</summary>
    public string? Audience { get; set; }

    public DateTime CreatedAt { get; set; }

    public static string? AudienceOf(IReadOnlyCollection<long>? userIds) =>
        userIds is null ? null : "," + string.Join(',', userIds.Distinct()) + ",";

    public static string Member(long userId) => "," + userId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",";
}

internal sealed class RealtimeEventConfiguration : IEntityTypeConfiguration<RealtimeEvent>
{
    public void Configure(EntityTypeBuilder<RealtimeEvent> b)
    {
        b.ToTable("RealtimeEvents");
        // Ids are the stream's positions: never reused, also on SQLite after the table was emptied by the purge.
        b.Property(e => e.Id).HasAnnotation("Sqlite:Autoincrement", true);
        b.Property(e => e.Type).HasMaxLength(RealtimeEvent.TypeMax);
        b.HasIndex(e => e.CreatedAt); // purge
    }
}

public static class RealtimeSets
{
    extension(PortalDb db)
    {
        public DbSet<RealtimeEvent> RealtimeEvents => db.Set<RealtimeEvent>();
    }
}
