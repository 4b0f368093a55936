using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Features.Notifications;

public enum NotificationTriggerKind { Event = 0, Digest = 1 }

[Flags]
public enum NotificationChannels { None = 0, InApp = 1, Email = 2, Push = 4 }

public enum RuleRecipientKind { Role = 0, Sector = 1, User = 2, Dynamic = 3 }

/// <summary>
/// Who is told about an event (notifications.md §2): recipients are roles, sectors, users or dynamic people the event
/// names — never a person hard-coded in the program. System rules (the built-in task notifications) can be
/// deactivated but not deleted.
/// </summary>
public sealed class NotificationRule : Entity
{
    public const int NameMax = 120;
    public const int ModuleMax = 40;
    public const int TriggerMax = 60;
    public const int MessageMax = 40;

    public string Name { get; set; } = "";
    public string Module { get; set; } = "";
    public NotificationTriggerKind TriggerKind { get; set; }

    /// <summary>The event type (or digest source) this rule reacts to, e.g. <c>task.created</c>.</summary>
    public string Trigger { get; set; } = "";

    /// <summary>Which of the event's message variants the recipients of this rule read; null = the default one.</summary>
    public string? Message { get; set; }

    public NotificationChannels Channels { get; set; } = NotificationChannels.InApp;
    public bool IncludeActor { get; set; }

    /// <summary>Digests only: when it is sent (São Paulo time) — once a day, never twice (<see cref="DigestRun"/>).</summary>
    public TimeOnly? DigestTime { get; set; }

    /// <summary>Digests only: skip Saturdays and Sundays.</summary>
    public bool BusinessDaysOnly { get; set; }

    public bool IsActive { get; set; } = true;
    public bool IsSystem { get; set; }

    public List<NotificationRuleRecipient> Recipients { get; set; } = [];
    public List<NotificationRuleCondition> Conditions { get; set; } = [];
}

/// <summary>
/// One recipient entry: a role, a sector or a user (<see cref="TargetId"/>), or a dynamic one (<see cref="Dynamic"/>:
/// <c>creator</c>, <c>assignee</c>, <c>previous_assignee</c>, <c>followers</c>, <c>participants</c>,
/// <c>sector_members</c>, <c>permission_holders:&lt;code&gt;</c>).
/// </summary>
public sealed class NotificationRuleRecipient
{
    public const int DynamicMax = 80;
    public const string PermissionHolders = "permission_holders:";

    public long Id { get; set; }
    public long RuleId { get; set; }
    public RuleRecipientKind Kind { get; set; }
    public long? TargetId { get; set; }
    public string? Dynamic { get; set; }
}

/// <summary>A condition on the event's facts: <c>key = value</c> or <c>key in a,b,c</c>; all must hold.</summary>
public sealed class NotificationRuleCondition
{
    public const int KeyMax = 60;
    public const int ValueMax = 200;
    public const string EqualsOperator = "=";
    public const string InOperator = "in";

    public long Id { get; set; }
    public long RuleId { get; set; }
    public string Key { get; set; } = "";
    public string Operator { get; set; } = EqualsOperator;
    public string Value { get; set; } = "";

    public bool Matches(IReadOnlyDictionary<string, string> facts) =>
        facts.TryGetValue(Key, out var actual) && (Operator == InOperator
            ? Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(actual, StringComparer.Ordinal)
            : string.Equals(Value, actual, StringComparison.Ordinal));
}

internal sealed class NotificationRuleConfiguration : IEntityTypeConfiguration<NotificationRule>
{
    public void Configure(EntityTypeBuilder<NotificationRule> b)
    {
        b.ToTable("NotificationRules");
        b.Property(r => r.Name).HasMaxLength(NotificationRule.NameMax);
        b.Property(r => r.Module).HasMaxLength(NotificationRule.ModuleMax);
        b.Property(r => r.Trigger).HasMaxLength(NotificationRule.TriggerMax);
        b.Property(r => r.Message).HasMaxLength(NotificationRule.MessageMax);
        b.HasIndex(r => new { r.Trigger, r.IsActive });
        b.HasIndex(r => new { r.TriggerKind, r.IsActive }); // the digest job's scan every minute
        b.HasMany(r => r.Recipients).WithOne().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Conditions).WithOne().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasData(NotificationSystemRules.Rules);
    }
}

internal sealed class NotificationRuleRecipientConfiguration : IEntityTypeConfiguration<NotificationRuleRecipient>
{
    public void Configure(EntityTypeBuilder<NotificationRuleRecipient> b)
    {
        b.ToTable("NotificationRuleRecipients");
        b.Property(r => r.Dynamic).HasMaxLength(NotificationRuleRecipient.DynamicMax);
        b.HasIndex(r => r.RuleId);
        b.HasData(NotificationSystemRules.Recipients);
    }
}

internal sealed class NotificationRuleConditionConfiguration : IEntityTypeConfiguration<NotificationRuleCondition>
{
    public void Configure(EntityTypeBuilder<NotificationRuleCondition> b)
    {
        b.ToTable("NotificationRuleConditions");
        b.Property(c => c.Key).HasMaxLength(NotificationRuleCondition.KeyMax);
        b.Property(c => c.Operator).HasMaxLength(10);
        b.Property(c => c.Value).HasMaxLength(NotificationRuleCondition.ValueMax);
        b.HasIndex(c => c.RuleId);
        b.HasData(NotificationSystemRules.Conditions);
    }
}
