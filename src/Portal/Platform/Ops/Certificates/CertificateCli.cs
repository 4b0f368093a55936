using Portal.Platform.Audit;
using Portal.Platform.Time;

namespace Portal.Platform.Ops.Certificates;

/// <summary>`portal cert status` and `portal cert renew [--force]` (operations.md §5.3); output in pt-BR.</summary>
public static class CertificateCli
{
    public const string Usage = """
          cert status         certificado em uso: assunto, nomes, emissor, validade, dias restantes, modo de renovação
          cert renew [--force]   verifica e renova se faltarem menos de Tls:RenewBeforeDays dias (--force: renova já)
        """;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var verb = args.Length > 1 ? args[1] : "";
        var options = app.Services.GetRequiredService<TlsOptions>();
        if (verb == "status")
        {
            var reading = await app.Services.GetRequiredService<CertificateMonitor>().CheckAsync(email: false, CancellationToken.None);
            Console.WriteLine($"Modo TLS: {options.Mode}; renovação: {options.Method}");
            if (reading.Certificate is { } c)
            {
                Console.WriteLine($"Certificado: {c.Subject} ({c.Source})");
                Console.WriteLine($"Nomes: {string.Join(", ", c.HostNames)}");
                Console.WriteLine($"Emissor: {c.Issuer}");
                Console.WriteLine($"Validade: {SaoPaulo.FromUtc(c.NotBefore):dd/MM/yyyy} a {SaoPaulo.FromUtc(c.NotAfter):dd/MM/yyyy} ({reading.DaysLeft} dias restantes)");
                Console.WriteLine($"Impressão digital: {c.Thumbprint}");
            }
            Console.WriteLine(reading.Message);
            return reading.Level is CertificateLevel.Ok or CertificateLevel.Warning ? 0 : 1;
        }
        if (verb == "renew")
        {
            var run = await app.Services.GetRequiredService<CertificateRenewer>().RenewAsync(
                new RenewalRequest("cli", args.Contains("--force"), null, "Console (cert renew)", AuditChannels.Cli));
            var ok = run.Outcome is RenewalOutcome.NotNeeded or RenewalOutcome.Renewed;
            (ok ? Console.Out : Console.Error).WriteLine($"{CertificateRenewal.OutcomeLabel(run.Outcome)}: {run.Message}");
            return ok ? 0 : 1;
        }
        Console.Error.WriteLine("Uso:\n" + Usage);
        return 2;
    }
}
