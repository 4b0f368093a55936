namespace Portal.Platform.Ops.Import;

/// <summary>What an original tag becomes (operations.md §9.1 step 2).</summary>
public enum TagTarget { Sector, Role, SectorAndRole, Ignore }

public sealed record LegacyImportOptions(
    string Source,
    string? UploadsPath,
    string? LegacyKey,
    bool DryRun,
    bool Update = false,
    IReadOnlyDictionary<string, TagTarget>? TagMappings = null);

public sealed record ImportOutcome(ImportReport Report, long? RunId)
{
    public bool Succeeded => Report.Error is null;
}
