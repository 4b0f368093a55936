namespace Portal.Platform.Ops.Doctor;

public enum DoctorLevel { Ok = 0, Warning = 1, Failed = 2 }

/// <summary>One diagnosis line (operations.md §6.3): what was checked, what was seen and, when not OK, how to fix it.</summary>
public sealed record DoctorFinding(string Check, DoctorLevel Level, string Detail, string? Fix = null)
{
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

/// <summary>Runs every registered check; a check that throws becomes a FALHA line instead of breaking the diagnosis.</summary>
public sealed class PortalDoctor(IEnumerable<IDoctorCheck> checks, IServiceProvider services)
{
    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(bool portalRunning, CancellationToken ct = default)
    {
        var bound = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var context = new DoctorContext(portalRunning, bound);
        var findings = new List<DoctorFinding>();
        foreach (var check in checks)
        {
            try { findings.AddRange(await check.RunAsync(context, ct)); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                findings.Add(DoctorFinding.Failed(check.GetType().Name, $"A verificação não pôde ser concluída ({ex.GetType().Name}).",
                    "Veja o log de erros (error-*.log) para os detalhes."));
            }
        }
        return findings;
    }
}
