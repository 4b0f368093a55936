namespace Portal.Platform.Ops.Import;

/// <summary>What an original tag becomes (operations.md §9.1 step 2).</summary>
public enum TagTarget { Sector, Role, SectorAndRole, Ignore }

public sealed record LegacyImportOptions(
    string Source,
    string? UploadsPath,
    string? LegacyKey,
    bool DryRun,
    bool Update = false,
    IReadOnlyDictionary<string, TagTarget>? TagMappings = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? PersonRules = null,
    IReadOnlySet<string>? DeclinedGrantTags = null);

/// <summary>Rules the original kept in code, bound to named people (operations.md §9.1 step 3): the wizard asks who gets
/// each one and the import creates a role with that grant and those members. Only rules whose permission exists.</summary>
public static class PersonBoundRules
{
    public static readonly IReadOnlyList<(string Permission, string Question, string RoleName)> All =
    [
        ("societario.access", "Quem acessa o Societário?", "Acesso ao Societário (importado)"),
        ("agenda.manage", "Quem gerencia a agenda?", "Gestão da agenda (importado)"),
    ];
}

public sealed record ImportOutcome(ImportReport Report, long? RunId)
{
    public bool Succeeded => Report.Error is null;
}
