using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Tasks;

/// <summary>Acompanhamento: a user who follows a task (tasks.md §2).</summary>
public sealed class TaskFollower
{
    public long TaskId { get; set; }
    public TaskItem Task { get; set; } = null!;
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public DateTime AddedAt { get; set; }
    public long? AddedById { get; set; }
}

/// <summary>A message of the task's conversation. Immutable; a deletion keeps the row and records who removed it.</summary>
public sealed class TaskComment : Entity
{
    public const int BodyMax = 10_000;

    public long TaskId { get; set; }
    public TaskItem Task { get; set; } = null!;
    public long AuthorId { get; set; }
    public User Author { get; set; } = null!;

    /// <summary>Sanitized HTML; null once deleted.</summary>
    public string? Body { get; set; }

    public DateTime? DeletedAt { get; set; }
    public long? DeletedById { get; set; }
    public User? DeletedBy { get; set; }
}

/// <summary>When a user last opened a task's conversation; comments after it are unread for them.</summary>
public sealed class TaskReadState
{
    public long TaskId { get; set; }
    public long UserId { get; set; }
    public DateTime LastReadAt { get; set; }
}

public enum TaskHistoryKind
{
    Created = 0, FieldChanged = 1, StatusChanged = 2, Transferred = 3, AttachmentAdded = 4, AttachmentRemoved = 5,
    FollowerAdded = 6, FollowerRemoved = 7, CommentDeleted = 8,
}

/// <summary>One history model for status and field changes; values are display texts resolved at write time.</summary>
public sealed class TaskHistory
{
    public const int FieldMax = 50;
    public const int ValueMax = 500;

    public long Id { get; set; }
    public long TaskId { get; set; }
    public DateTime At { get; set; }
    public long? ById { get; set; }
    public User? By { get; set; }
    public TaskHistoryKind Kind { get; set; }
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

internal sealed class TaskFollowerConfiguration : IEntityTypeConfiguration<TaskFollower>
{
    public void Configure(EntityTypeBuilder<TaskFollower> b)
    {
        b.ToTable("TaskFollowers");
        b.HasKey(f => new { f.TaskId, f.UserId });
        b.HasIndex(f => f.UserId);
        b.HasOne(f => f.Task).WithMany(t => t.Followers).HasForeignKey(f => f.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskComment>
{
    public void Configure(EntityTypeBuilder<TaskComment> b)
    {
        b.ToTable("TaskComments");
        b.HasIndex(c => new { c.TaskId, c.CreatedAt });
        b.HasIndex(c => new { c.AuthorId, c.TaskId });
        b.HasOne(c => c.Task).WithMany(t => t.Comments).HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.DeletedBy).WithMany().HasForeignKey(c => c.DeletedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskReadStateConfiguration : IEntityTypeConfiguration<TaskReadState>
{
    public void Configure(EntityTypeBuilder<TaskReadState> b)
    {
        b.ToTable("TaskReadStates");
        b.HasKey(r => new { r.TaskId, r.UserId });
        b.HasOne<TaskItem>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskHistoryConfiguration : IEntityTypeConfiguration<TaskHistory>
{
    public void Configure(EntityTypeBuilder<TaskHistory> b)
    {
        b.ToTable("TaskHistory");
        b.Property(h => h.Field).HasMaxLength(TaskHistory.FieldMax);
        b.Property(h => h.OldValue).HasMaxLength(TaskHistory.ValueMax);
        b.Property(h => h.NewValue).HasMaxLength(TaskHistory.ValueMax);
        b.HasIndex(h => new { h.TaskId, h.At });
        b.HasOne<TaskItem>().WithMany().HasForeignKey(h => h.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(h => h.By).WithMany().HasForeignKey(h => h.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class TaskSets
{
    extension(PortalDb db)
    {
        public DbSet<TaskItem> Tasks => db.Set<TaskItem>();
        public DbSet<TaskFollower> TaskFollowers => db.Set<TaskFollower>();
        public DbSet<TaskComment> TaskComments => db.Set<TaskComment>();
        public DbSet<TaskReadState> TaskReadStates => db.Set<TaskReadState>();
        public DbSet<TaskHistory> TaskHistory => db.Set<TaskHistory>();
    }
}
