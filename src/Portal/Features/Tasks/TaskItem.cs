using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Tasks;

/// <summary>Fixed enum (platform.md §6): labels come from <see cref="TaskLabels"/>, never from data.</summary>
public enum TaskItemStatus { Pending = 0, InProgress = 1, Done = 2 }

public enum TaskPriority { Low = 0, Medium = 1, High = 2 }

/// <summary>A task of a sector board or a private to-do (tasks.md §2). Named TaskItem to avoid System.Threading.Tasks.Task.</summary>
public sealed class TaskItem : Entity
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 20_000;
    public const int MaxDepth = 5;

    public string Title { get; set; } = "";

    /// <summary>Sanitized HTML (platform.md §4).</summary>
    public string? Description { get; set; }

    /// <summary>Upper-case, accent-free title and plain description: the accent-insensitive text filter on both providers.</summary>
    public string SearchText { get; set; } = "";

    public TaskItemStatus Status { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public DateOnly? DueDate { get; set; }
    public bool IsPrivate { get; set; }

    public long? SectorId { get; set; }
    public Sector? Sector { get; set; }

    public long? ParentId { get; set; }
    public TaskItem? Parent { get; set; }
    public List<TaskItem> Children { get; set; } = [];

    /// <summary>Depth in the subtask tree (root = 0), kept so the depth limit needs no recursive query.</summary>
    public int Depth { get; set; }

    /// <summary>The root of the tree (itself for a root), so a whole tree is found with one indexed query.</summary>
    [NotAnEdit] public long? RootId { get; set; }

    public long? ClientId { get; set; }

    public long? AssigneeId { get; set; }
    public User? Assignee { get; set; }

    public long CreatorId { get; set; }
    public User Creator { get; set; } = null!;

    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public long? CompletedById { get; set; }
    public User? CompletedBy { get; set; }

    public List<TaskFollower> Followers { get; set; } = [];
    public List<TaskComment> Comments { get; set; } = [];

    /// <summary>Progress of tasks.md §2: % of direct subtasks in Done, rounded; null when there are none.</summary>
    public static int? Progress(int subtasks, int done) =>
        subtasks == 0 ? null : (int)Math.Round(done * 100.0 / subtasks, MidpointRounding.AwayFromZero);
}

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> b)
    {
        b.ToTable("Tasks");
        b.Property(t => t.Title).HasMaxLength(TaskItem.TitleMax).IsRequired();
        b.Property(t => t.SearchText).IsRequired();
        b.HasOne(t => t.Sector).WithMany().HasForeignKey(t => t.SectorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Parent).WithMany(t => t.Children).HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Creator).WithMany().HasForeignKey(t => t.CreatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.CompletedBy).WithMany().HasForeignKey(t => t.CompletedById).OnDelete(DeleteBehavior.Restrict);
        // Board columns: a sector's root tasks of one status in card order; history: completions newest first.
        b.HasIndex(t => new { t.SectorId, t.ParentId, t.Status, t.Priority, t.DueDate });
        b.HasIndex(t => new { t.Status, t.CompletedAt });
        b.HasIndex(t => new { t.AssigneeId, t.Status });
        b.HasIndex(t => new { t.CreatorId, t.IsPrivate, t.Status });
        b.HasIndex(t => t.RootId);
        b.HasIndex(t => t.ClientId);
    }
}
