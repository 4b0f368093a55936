using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Platform.Workflows;

/// <summary>Configurable pipeline (platform.md §7) used by closing and societário.</summary>
public sealed class WorkflowDefinition : Entity
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public bool AllowAnyTransition { get; set; }
    public List<WorkflowState> States { get; set; } = [];
    public List<WorkflowTransition> Transitions { get; set; } = [];
}

public enum WorkflowCategory { Open = 0, Waiting = 1, Review = 2, Done = 3, Paused = 4 }

public sealed class WorkflowState : Entity
{
    public long DefinitionId { get; set; }
    public WorkflowDefinition Definition { get; set; } = null!;
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Color { get; set; }
    public int SortOrder { get; set; }
    public bool IsInitial { get; set; }
    public bool IsFinal { get; set; }
    public WorkflowCategory Category { get; set; }
    public long? ResponsibleRoleId { get; set; }
    public long? ResponsibleSectorId { get; set; }
    public long? ResponsibleUserId { get; set; }
    public bool ShowInFollowUp { get; set; }
    public string? EnterPermission { get; set; }
    public string? LeavePermission { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class WorkflowTransition
{
    public long Id { get; set; }
    public long DefinitionId { get; set; }
    public long FromStateId { get; set; }
    public long ToStateId { get; set; }
    public string? RequiredPermission { get; set; }
}

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinition>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinition> b)
    {
        b.ToTable("WorkflowDefinitions");
        b.Property(d => d.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.Key).IsUnique();
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.HasMany(d => d.States).WithOne(s => s.Definition).HasForeignKey(s => s.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Transitions).WithOne().HasForeignKey(t => t.DefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowStateConfiguration : IEntityTypeConfiguration<WorkflowState>
{
    public void Configure(EntityTypeBuilder<WorkflowState> b)
    {
        b.ToTable("WorkflowStates");
        b.Property(s => s.Code).HasMaxLength(60).IsRequired();
        b.Property(s => s.Label).HasMaxLength(80).IsRequired();
        b.Property(s => s.Color).HasMaxLength(7);
        b.Property(s => s.EnterPermission).HasMaxLength(100);
        b.Property(s => s.LeavePermission).HasMaxLength(100);
        b.HasIndex(s => new { s.DefinitionId, s.Code }).IsUnique();
    }
}

internal sealed class WorkflowTransitionConfiguration : IEntityTypeConfiguration<WorkflowTransition>
{
    public void Configure(EntityTypeBuilder<WorkflowTransition> b)
    {
        b.ToTable("WorkflowTransitions");
        b.Property(t => t.RequiredPermission).HasMaxLength(100);
        b.HasIndex(t => new { t.DefinitionId, t.FromStateId, t.ToStateId }).IsUnique();
        b.HasOne<WorkflowState>().WithMany().HasForeignKey(t => t.FromStateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkflowState>().WithMany().HasForeignKey(t => t.ToStateId).OnDelete(DeleteBehavior.Restrict);
    }
}
