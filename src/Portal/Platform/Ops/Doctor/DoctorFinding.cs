namespace Portal.Platform.Ops.Doctor;

public enum DoctorLevel { Ok = 0, Warning = 1, Failed = 2 }

/// <summary>One diagnosis line (operations.md §6.3): what was checked, what was seen and, when not OK, how to fix it.</summary>
public sealed record DoctorFinding(string Check, DoctorLevel Level, string Detail, string? Fix = null)
{
    /// <summary>The symptom group the line belongs to; null for the every-run checks.</summary>
    public DoctorSymptom? Symptom { get; init; }

    public static DoctorFinding Ok(string check, string detail) => new(check, DoctorLevel.Ok, detail);
    public static DoctorFinding Warning(string check, string detail, string fix) => new(check, DoctorLevel.Warning, detail, fix);
    public static DoctorFinding Failed(string check, string detail, string fix) => new(check, DoctorLevel.Failed, detail, fix);

    public static string Label(DoctorLevel level) => level switch
    {
        DoctorLevel.Ok => "OK",
        DoctorLevel.Warning => "ATENÇÃO",
        _ => "FALHA",
    };
}

/// <summary>What every check may need to know about the run.</summary>
/// <param name="PortalRunning">True from the health page (the portal itself is listening); false from `portal doctor`
/// before start, where the configured ports should be free.</param>
public sealed record DoctorContext(bool PortalRunning, IReadOnlyCollection<string> BoundAddresses);

/// <summary>One group of checks; OS-specific ones can be faked in tests.</summary>
public interface IDoctorCheck
{
    Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct);
}

/// <summary>The symptom a user reports (operations.md §6.3); each adds its own group of checks to the every-run ones.</summary>
public enum DoctorSymptom { SiteDown, BadGateway, ServerError }

/// <summary>A check that only belongs to one symptom group.</summary>
public interface ISymptomCheck : IDoctorCheck
{
    DoctorSymptom Symptom { get; }
}

public static class DoctorSymptoms
{
    public static readonly IReadOnlyList<DoctorSymptom> All = [DoctorSymptom.SiteDown, DoctorSymptom.BadGateway, DoctorSymptom.ServerError];

    public static string Title(DoctorSymptom symptom) => symptom switch
    {
        DoctorSymptom.SiteDown => "O site não abre",
        DoctorSymptom.BadGateway => "Erro 502/504",
        _ => "Erro 500",
    };

    /// <summary>`--sintoma site|502|504|500` and the page's buttons.</summary>
    public static DoctorSymptom? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "site" => DoctorSymptom.SiteDown,
        "502" or "504" or "502/504" => DoctorSymptom.BadGateway,
        "500" => DoctorSymptom.ServerError,
        _ => null,
    };

    public static string Argument(DoctorSymptom symptom) => symptom switch
    {
        DoctorSymptom.SiteDown => "site",
        DoctorSymptom.BadGateway => "502",
        _ => "500",
    };
}

/// <summary>
/// Runs every registered check, plus the groups of the reported symptom (all groups when none is given); a check that
/// throws becomes a FALHA line instead of breaking the diagnosis.
/// </summary>
public sealed class PortalDoctor(IEnumerable<IDoctorCheck> checks, IServiceProvider services)
{
    public Task<IReadOnlyList<DoctorFinding>> RunAsync(bool portalRunning, CancellationToken ct = default) =>
        RunAsync(portalRunning, null, ct);

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(bool portalRunning, DoctorSymptom? symptom, CancellationToken ct = default)
    {
        var bound = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var context = new DoctorContext(portalRunning, bound);
        var findings = new List<DoctorFinding>();
        foreach (var check in checks.Where(c => c is not ISymptomCheck s || symptom is null || s.Symptom == symptom))
        {
            try { findings.AddRange((await check.RunAsync(context, ct)).Select(f => check is ISymptomCheck s ? f with { Symptom = s.Symptom } : f)); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                findings.Add(DoctorFinding.Failed(check.GetType().Name, $"A verificação não pôde ser concluída ({ex.GetType().Name}).",
                    "Veja o log de erros (error-*.log) para os detalhes.") with { Symptom = (check as ISymptomCheck)?.Symptom });
            }
        }
        return findings;
    }
}
