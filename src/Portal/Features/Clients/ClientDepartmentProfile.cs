using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Features.Clients;

/// <summary>How one department serves one client (clients.md §6); unique per client and department type.</summary>
public sealed class ClientDepartmentProfile : Entity
{
    public long ClientId { get; set; }
    public long DepartmentTypeId { get; set; }
    public DepartmentType DepartmentType { get; set; } = null!;
    public long? ResponsibleUserId { get; set; }
    public string? Description { get; set; }
    /// <summary>Plain text (≤ 20,000 characters), shown with its line breaks.</summary>
    public string? Particularities { get; set; }
    public string? MovementNotes { get; set; }
    public string? ImportNotes { get; set; }
    public string? ContactNotes { get; set; }
    public string? ReportControlNotes { get; set; }
    public string? PayrollSendDate { get; set; }
    public string? EmployeeRegistration { get; set; }
    public string? TimeClock { get; set; }
    public string? Payment { get; set; }
    public List<ClientDepartmentOption> Options { get; set; } = [];
    public List<ClientDepartmentContact> Contacts { get; set; } = [];
}

/// <summary>One selected option of a multi- or single-choice group; codes come from the group's lookup list.</summary>
public sealed class ClientDepartmentOption
{
    public long ProfileId { get; set; }
    public string Group { get; set; } = "";
    public string OptionCode { get; set; } = "";
}

/// <summary>A client contact that deals with this department.</summary>
public sealed class ClientDepartmentContact
{
    public long ProfileId { get; set; }
    public long ContactId { get; set; }
}

internal sealed class ClientDepartmentProfileConfiguration : IEntityTypeConfiguration<ClientDepartmentProfile>
{
    public void Configure(EntityTypeBuilder<ClientDepartmentProfile> b)
    {
        b.ToTable("ClientDepartmentProfiles");
        b.HasIndex(p => new { p.ClientId, p.DepartmentTypeId }).IsUnique();
        b.HasOne<Client>().WithMany(c => c.DepartmentProfiles).HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.DepartmentType).WithMany().HasForeignKey(p => p.DepartmentTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.ResponsibleUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.ResponsibleUserId);
        b.Property(p => p.Description).HasMaxLength(500);
        b.Property(p => p.MovementNotes).HasMaxLength(500);
        b.Property(p => p.ImportNotes).HasMaxLength(500);
        b.Property(p => p.ContactNotes).HasMaxLength(500);
        b.Property(p => p.ReportControlNotes).HasMaxLength(500);
        b.Property(p => p.PayrollSendDate).HasMaxLength(100);
        b.Property(p => p.EmployeeRegistration).HasMaxLength(200);
        b.Property(p => p.TimeClock).HasMaxLength(200);
        b.Property(p => p.Payment).HasMaxLength(200);
        b.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.ProfileId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Contacts).WithOne().HasForeignKey(c => c.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientDepartmentOptionConfiguration : IEntityTypeConfiguration<ClientDepartmentOption>
{
    public void Configure(EntityTypeBuilder<ClientDepartmentOption> b)
    {
        b.ToTable("ClientDepartmentOptions");
        b.HasKey(o => new { o.ProfileId, o.Group, o.OptionCode });
        b.Property(o => o.Group).HasMaxLength(40);
        b.Property(o => o.OptionCode).HasMaxLength(60);
        b.HasIndex(o => new { o.Group, o.OptionCode });
    }
}

internal sealed class ClientDepartmentContactConfiguration : IEntityTypeConfiguration<ClientDepartmentContact>
{
    public void Configure(EntityTypeBuilder<ClientDepartmentContact> b)
    {
        b.ToTable("ClientDepartmentContacts");
        b.HasKey(c => new { c.ProfileId, c.ContactId });
        b.HasOne<ClientContact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
