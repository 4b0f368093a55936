using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Time;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// Renewal of operations.md §5.3 (seed flowchart §6): check → keep the previous files → obtain (built-in ACME or
/// Tls:RenewCommand) → verify → activate (atomic files, reload, Tls:ReloadCommand) → self-test → rollback on failure.
/// Every run is a CertificateRenewals row; failures raise system.certificate_renewal_failed.
/// </summary>
public sealed class CertificateRenewer(
    TlsOptions options, CertificateFiles files, CertificateMonitor monitor, CertificateProbe probe,
    CertificateAlerts alerts, CommandRunner commands, IServiceProvider services, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<CertificateRenewer> log) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Registered in Kestrel mode only: in proxy mode the proxy serves the files (ReloadCommand).
    private readonly CertificateReloader? reloader = services.GetService<CertificateReloader>();

    public const string LikelyCauses = "Causas prováveis: o DNS não aponta para este servidor; porta 80 bloqueada no firewall; outro processo usando a porta 80.";

    public void Dispose() => _gate.Dispose();

    public bool IsRunning => _gate.CurrentCount == 0;

    public async Task<CertificateRenewal> RenewAsync(RenewalRequest request, CancellationToken ct = default)
    {
        var run = new CertificateRenewal
        {
            StartedAt = clock.GetUtcNow().UtcDateTime, Trigger = request.Trigger, StartedBy = Cut(request.UserName, 120),
            Method = options.Method, Outcome = RenewalOutcome.Running,
        };
        if (!await _gate.WaitAsync(0, ct))
        {
            run.Outcome = RenewalOutcome.Failed;
            run.Message = "Uma renovação já está em andamento.";
            run.EndedAt = run.StartedAt;
            await SaveAsync(run);
            return run;
        }
        try
        {
            await SaveAsync(run);
            await RunStepsAsync(run, request, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Renovação do certificado interrompida");
            await FailAsync(run, request, $"Erro inesperado na renovação: {ex.Message}", restoreFrom: null);
        }
        finally
        {
            run.EndedAt = clock.GetUtcNow().UtcDateTime;
            await SaveAsync(run);
            _gate.Release();
        }
        return run;
    }

    private async Task RunStepsAsync(CertificateRenewal run, RenewalRequest request, CancellationToken ct)
    {
        // 1. Check
        var reading = await monitor.CheckAsync(email: request.Trigger == "agendado", ct);
        var current = reading.Certificate;
        run.DaysLeftBefore = reading.DaysLeft;
        run.PreviousThumbprint = current?.Thumbprint;
        var threshold = current is null ? options.RenewBeforeDays : Threshold(current);
        if (!request.Force && current is not null && reading.DaysLeft >= threshold && !(reloader?.IsTemporary ?? false))
        {
            run.Outcome = RenewalOutcome.NotNeeded;
            run.Message = $"Certificado OK ({reading.DaysLeft} dias restantes).";
            log.LogInformation("Certificado OK ({Days} dias restantes)", reading.DaysLeft);
            return;
        }
        if (!options.CanRenew)
        {
            await FailAsync(run, request, "Renovação automática não configurada: defina Tls:RenewCommand (modo proxy) ou use Tls:Mode = Kestrel com Tls:HostNames (ACME).", null);
            return;
        }

        // 2. Keep the previous files
        string? previous = null;
        if (files.ConfiguredFiles().Any()) previous = files.KeepPrevious(run.StartedAt);
        log.LogInformation("Renovação do certificado iniciada ({Method}); arquivos anteriores em {Folder}", options.Method, previous ?? "(nenhum)");

        // 3. Obtain
        ServedCertificate? candidate = null;
        try
        {
            string? acmeChain = null, acmeKey = null;
            if (options.RenewCommand is { } command)
            {
                var outcome = await commands.RunAsync(command, options.CommandTimeout, ct);
                if (!outcome.Succeeded)
                {
                    await FailAsync(run, request, $"O comando de renovação falhou ({(outcome.ExitCode is { } code ? $"código {code}" : "sem código")}). {LikelyCauses}\n{Tail(outcome.Output)}", previous);
                    return;
                }
                // The command (certbot with a deploy hook, a script…) writes the new files in place.
                try { candidate = files.Load(); }
                catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException or InvalidOperationException)
                {
                    await FailAsync(run, request, $"O comando terminou, mas os arquivos do certificado não carregam: {ex.Message}", previous);
                    return;
                }
            }
            else
            {
                try
                {
                    using var acme = ActivatorUtilities.CreateInstance<AcmeClient>(services);
                    var issued = await acme.IssueAsync(options.HostNames, ct);
                    (acmeChain, acmeKey) = (issued.ChainPem, issued.KeyPem);
                    candidate = CertificateFiles.FromPem(issued.ChainPem, issued.KeyPem);
                }
                catch (AcmeException ex)
                {
                    await FailAsync(run, request, $"{ex.Message} {LikelyCauses}", null);
                    return;
                }
            }

            // 5. Verify
            if (Verify(candidate, current) is { } problem)
            {
                await FailAsync(run, request, $"Novo certificado recusado: {problem}", options.RenewCommand is null ? null : previous);
                return;
            }
            run.NewThumbprint = candidate.Leaf.Thumbprint;
            run.NewNotAfter = candidate.Leaf.NotAfter.ToUniversalTime();

            // 6. Activate
            if (acmeChain is not null) files.Write(acmeChain, acmeKey!);
            reloader?.Reload();
            if (options.ReloadCommand is { } reload)
            {
                var outcome = await commands.RunAsync(reload, TimeSpan.FromMinutes(2), ct);
                if (!outcome.Succeeded)
                {
                    await RollbackAsync(run, request, previous, $"o comando de recarga falhou: {Tail(outcome.Output)}", ct);
                    return;
                }
            }

            // 7. Self-test
            var test = await SelfTestAsync(candidate.Leaf.Thumbprint, ct);
            if (test is not null)
            {
                await RollbackAsync(run, request, previous, test, ct);
                return;
            }

            // 9. Success
            var until = SaoPaulo.FromUtc(run.NewNotAfter.Value);
            var next = until.AddDays(-Threshold(CertificateDetails.From(candidate.Leaf, "novo")));
            run.Outcome = RenewalOutcome.Renewed;
            run.Message = $"Renovação OK — válido até {until:dd/MM/yyyy}; próxima renovação prevista em {next:dd/MM/yyyy}.";
            log.LogInformation("Renovação OK — válido até {Until}; próxima renovação prevista em {Next}",
                until.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), next.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await alerts.AuditAsync("certificate_renewed", run.Message, request.UserId, request.UserName, request.Channel, run.Id);
            await monitor.CheckAsync(email: false, ct);
        }
        finally
        {
            candidate?.Dispose();
        }
    }

    /// <summary>RenewBeforeDays, or a third of the lifetime for certificates shorter than 90 days (§5.3 step 1).</summary>
    public int Threshold(CertificateDetails certificate) =>
        certificate.Lifetime < TimeSpan.FromDays(90) ? (int)Math.Ceiling(certificate.Lifetime.TotalDays / 3) : options.RenewBeforeDays;

    /// <summary>Step 5: parses (done), key matches, SANs cover Tls:HostNames, chain builds, NotBefore ≤ now, NotAfter later.</summary>
    private string? Verify(ServedCertificate candidate, CertificateDetails? current)
    {
        var leaf = candidate.Leaf;
        if (!leaf.HasPrivateKey) return "sem chave privada.";
        using (var key = leaf.GetECDsaPrivateKey() as AsymmetricAlgorithm ?? leaf.GetRSAPrivateKey())
        {
            if (key is null) return "a chave privada não corresponde ao certificado.";
        }
        var missing = options.HostNames.Where(h => !leaf.MatchesHostname(h)).ToList();
        if (missing.Count > 0) return $"não cobre {string.Join(", ", missing)} (Tls:HostNames).";
        var now = clock.GetUtcNow().UtcDateTime;
        if (leaf.NotBefore.ToUniversalTime() > now) return $"ainda não é válido (a partir de {leaf.NotBefore:dd/MM/yyyy HH:mm}).";
        if (current is not null && leaf.NotAfter.ToUniversalTime() <= current.NotAfter) return "não vence depois do certificado atual.";
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        chain.ChainPolicy.ExtraStore.AddRange(candidate.Intermediates);
        if (options.TrustedRootsPath is { } roots && File.Exists(roots))
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.ImportFromPemFile(roots);
        }
        if (!chain.Build(leaf))
            return "a cadeia não chega a uma raiz confiável: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct().Take(3));
        return null;
    }

    /// <summary>Step 7: within Tls:SelfTestSeconds a handshake presents the new thumbprint and the portal answers.</summary>
    private async Task<string?> SelfTestAsync(string thumbprint, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.SelfTestTimeout;
        CertificateProbe.Result last;
        do
        {
            last = await probe.ProbeAsync(ct);
            if (last.Thumbprint == thumbprint && last.HttpStatus is not null) return null;
            await Task.Delay(500, ct);
        }
        while (clock.GetUtcNow() < deadline);
        return last.Error is { } error
            ? $"autoteste falhou: {error}"
            : $"autoteste falhou: o servidor apresenta {last.Thumbprint} em vez de {thumbprint}.";
    }

    /// <summary>Step 8: previous files back, reload, confirm the old certificate is served, alert "Renovação revertida".</summary>
    private async Task RollbackAsync(CertificateRenewal run, RenewalRequest request, string? previous, string reason, CancellationToken ct)
    {
        if (previous is not null) files.Restore(previous);
        reloader?.Reload();
        if (options.ReloadCommand is { } reload) await commands.RunAsync(reload, TimeSpan.FromMinutes(2), ct);
        var served = await probe.ProbeAsync(ct);
        var confirmed = served.Thumbprint is not null && served.Thumbprint == run.PreviousThumbprint
            ? "o certificado anterior voltou a ser servido"
            : $"não foi possível confirmar o certificado anterior no ar ({served.Error ?? served.Thumbprint})";
        run.Outcome = RenewalOutcome.RolledBack;
        run.Message = Cut($"Renovação revertida: {reason}; {confirmed}.", CertificateRenewal.MessageMax);
        log.LogError("Renovação revertida: {Reason}; {Confirmed}", reason, confirmed);
        await alerts.RaiseAsync(CertificateAlerts.RenewalFailed, $"{run.Id}-revertida", "Renovação revertida", run.Message!, email: true,
            new Dictionary<string, string> { ["outcome"] = "rolled_back" }, request.UserId);
        await alerts.AuditAsync("certificate_renewal_failed", Cut(run.Message, 255)!, request.UserId, request.UserName, request.Channel, run.Id);
    }

    private async Task FailAsync(CertificateRenewal run, RenewalRequest request, string message, string? restoreFrom)
    {
        if (restoreFrom is not null)
        {
            // The command may have replaced the files before failing: the certificate in service stays the old one.
            files.Restore(restoreFrom);
            reloader?.Reload();
        }
        run.Outcome = RenewalOutcome.Failed;
        run.Message = Cut(message + " O certificado atual continua em uso; nova tentativa em 6 horas.", CertificateRenewal.MessageMax);
        log.LogError("Renovação do certificado falhou: {Message}", run.Message);
        await alerts.RaiseAsync(CertificateAlerts.RenewalFailed, $"{run.Id}-falhou", "Renovação do certificado falhou", run.Message!, email: true,
            new Dictionary<string, string> { ["outcome"] = "failed" }, request.UserId);
        await alerts.AuditAsync("certificate_renewal_failed", Cut(run.Message, 255)!, request.UserId, request.UserName, request.Channel, run.Id == 0 ? null : run.Id);
    }

    /// <summary>Retry rule of step 4: the last run failed (or was reverted) more than 6 hours ago.</summary>
    public async Task<bool> RetryDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var last = await scope.ServiceProvider.GetRequiredService<PortalDb>().Set<CertificateRenewal>().AsNoTracking()
            .Where(r => r.Outcome != RenewalOutcome.Running).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return last is { Outcome: RenewalOutcome.Failed or RenewalOutcome.RolledBack } && last.StartedAt <= clock.GetUtcNow().UtcDateTime.AddHours(-6);
    }

    private async Task SaveAsync(CertificateRenewal run)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (run.Id == 0) db.Add(run);
        else db.Update(run);
        await db.SaveChangesAsync();
    }

    private static string Tail(string text) => text.Length <= 800 ? text.Trim() : "…" + text[^800..].Trim();

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
