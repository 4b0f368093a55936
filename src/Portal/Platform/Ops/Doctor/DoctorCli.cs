namespace Portal.Platform.Ops.Doctor;

/// <summary>
/// `portal doctor [--sintoma site|502|500]`: the same checks as the "Diagnóstico" button, printed as OK / ATENÇÃO /
/// FALHA. Without a symptom every group runs.
/// </summary>
public static class DoctorCli
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        DoctorSymptom? symptom = null;
        var index = Array.FindIndex(args, a => a == "--sintoma" || a.StartsWith("--sintoma=", StringComparison.Ordinal));
        if (index >= 0)
        {
            var value = args[index].Contains('=', StringComparison.Ordinal) ? args[index][(args[index].IndexOf('=', StringComparison.Ordinal) + 1)..]
                : index + 1 < args.Length ? args[index + 1] : null;
            symptom = DoctorSymptoms.Parse(value);
            if (symptom is null)
            {
                Console.Error.WriteLine($"Sintoma desconhecido: '{value}'. Use --sintoma site (o site não abre), --sintoma 502 (erro 502/504) ou --sintoma 500 (erro 500).");
                return 2;
            }
        }
        await using var scope = app.Services.CreateAsyncScope();
        var findings = await scope.ServiceProvider.GetRequiredService<PortalDoctor>().RunAsync(portalRunning: false, symptom);
        foreach (var group in findings.GroupBy(f => f.Symptom))
        {
            Console.WriteLine(group.Key is { } s ? $"== Sintoma: {DoctorSymptoms.Title(s)} ==" : "== Verificações gerais ==");
            foreach (var f in group)
            {
                Console.WriteLine($"[{DoctorFinding.Label(f.Level)}] {f.Check}: {f.Detail}");
                if (f.Fix is { } fix) Console.WriteLine($"         Como resolver: {fix}");
            }
        }
        return findings.Any(f => f.Level == DoctorLevel.Failed) ? 1 : 0;
    }
}
