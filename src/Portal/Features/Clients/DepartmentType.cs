using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

/// <summary>Which fields a department's profile has (clients.md §6).</summary>
public enum DepartmentFieldSet { Fiscal, Contabil, Pessoal, TextOnly }

/// <summary>A department of the firm that serves clients; one profile section per type on the client record.</summary>
public sealed class DepartmentType : Entity
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public int SortOrder { get; set; }
    public bool AppliesToMei { get; set; }
    /// <summary>Shown only to holders of clients.departments.restricted.view (Financeiro).</summary>
    public bool IsRestricted { get; set; }
    public DepartmentFieldSet FieldSet { get; set; }
}

internal sealed class DepartmentTypeConfiguration : IEntityTypeConfiguration<DepartmentType>
{
    private static readonly DateTime Seeded = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Configure(EntityTypeBuilder<DepartmentType> b)
    {
        b.ToTable("DepartmentTypes");
        b.Property(d => d.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Label).HasMaxLength(80).IsRequired();
        b.Property(d => d.FieldSet).HasConversion<string>().HasMaxLength(10);
        // The seed of clients.md §2 travels with the schema: the profiles reference these rows from the first start.
        b.HasData(
            Seed(1, "fiscal", "Fiscal", 10, DepartmentFieldSet.Fiscal, mei: false),
            Seed(2, "contabil", "Contábil", 20, DepartmentFieldSet.Contabil, mei: false),
            Seed(3, "pessoal", "Pessoal", 30, DepartmentFieldSet.Pessoal, mei: true),
            Seed(4, "administrativo", "Administrativo", 40, DepartmentFieldSet.TextOnly, mei: true),
            Seed(5, "financeiro", "Financeiro", 50, DepartmentFieldSet.TextOnly, mei: false, restricted: true),
            Seed(6, "notas_fiscais", "Notas Fiscais", 60, DepartmentFieldSet.TextOnly, mei: true));
    }

    private static DepartmentType Seed(long id, string code, string label, int order, DepartmentFieldSet set, bool mei, bool restricted = false) =>
        new()
        {
            Id = id, Code = code, Label = label, SortOrder = order, FieldSet = set, AppliesToMei = mei, IsRestricted = restricted,
            CreatedAt = Seeded, UpdatedAt = Seeded, Version = 1,
        };
}
