namespace Portal.Platform.Ops.Doctor;

/// <summary>`portal doctor`: the same checks as the "Diagnóstico" button, printed as OK / ATENÇÃO / FALHA.</summary>
public static class DoctorCli
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var findings = await scope.ServiceProvider.GetRequiredService<PortalDoctor>().RunAsync(portalRunning: false);
        foreach (var f in findings)
        {
            Console.WriteLine($"[{DoctorFinding.Label(f.Level)}] {f.Check}: {f.Detail}");
            if (f.Fix is { } fix) Console.WriteLine($"         Como resolver: {fix}");
        }
        return findings.Any(f => f.Level == DoctorLevel.Failed) ? 1 : 0;
    }
}
