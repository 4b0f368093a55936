using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Health;
using Portal.Platform.Hosting;
using Portal.Platform.Logging;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"O site não abre": the portal's OS service is running (sc.exe / systemctl behind <see cref="IServiceManager"/>).</summary>
public sealed class ServiceRunningCheck(IServiceManager manager) : ISymptomCheck
{
    public DoctorSymptom Symptom => DoctorSymptom.SiteDown;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        const string name = "Serviço do portal";
        var state = await manager.GetStateAsync(ct);
        return [state switch
        {
            ServiceState.Running => DoctorFinding.Ok(name, $"Serviço {manager.Name} em execução."),
            ServiceState.Stopped => DoctorFinding.Failed(name, $"Serviço {manager.Name} parado.",
                $"Inicie o serviço (Windows: Start-Service {manager.Name}; Linux: systemctl start {manager.Name}) e veja o motivo da parada no log de eventos / journalctl -u {manager.Name}."),
            ServiceState.NotInstalled when context.PortalRunning => DoctorFinding.Warning(name, $"O portal não está rodando como o serviço {manager.Name}.",
                "Em produção, instale o serviço (deploy/windows/install-service.ps1 ou deploy/linux/portal-contabil.service) para que ele suba com o servidor e reinicie após falhas."),
            ServiceState.NotInstalled => DoctorFinding.Failed(name, $"Serviço {manager.Name} não instalado.",
                "Instale o serviço: veja docs/instalacao-windows.md ou docs/instalacao-linux.md."),
            _ => DoctorFinding.Warning(name, $"Não foi possível consultar o estado do serviço {manager.Name}.",
                "Rode o diagnóstico como administrador, ou confira à mão (services.msc / systemctl status)."),
        }];
    }
}

/// <summary>
/// "O site não abre": PublicUrl's host resolves in DNS to an address of this server, and ports 80/443 answer locally.
/// </summary>
public sealed class PublicAddressCheck(IConfiguration config, IHostNetwork network) : ISymptomCheck
{
    public DoctorSymptom Symptom => DoctorSymptom.SiteDown;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>();
        if (!Uri.TryCreate(config["Portal:PublicUrl"], UriKind.Absolute, out var url))
        {
            findings.Add(DoctorFinding.Warning("DNS", "Portal:PublicUrl não configurado: não há nome para verificar.", "Configure Portal:PublicUrl (ex.: https://portal.suafirma.com.br)."));
        }
        else
        {
            IPAddress[] resolved;
            try { resolved = await network.ResolveAsync(url.Host, ct); }
            catch (SocketException) { resolved = []; }
            var local = network.LocalAddresses();
            if (resolved.Length == 0)
                findings.Add(DoctorFinding.Failed("DNS", $"O nome {url.Host} não resolve no DNS.",
                    "Crie/corrija o registro A (ou AAAA) do nome no provedor de DNS apontando para o IP público deste servidor."));
            else if (IPAddress.TryParse(url.Host, out _) || resolved.Any(a => IPAddress.IsLoopback(a) || local.Contains(a)))
                findings.Add(DoctorFinding.Ok("DNS", $"{url.Host} resolve para {string.Join(", ", resolved.Take(3))}, endereço deste servidor."));
            else
                findings.Add(DoctorFinding.Warning("DNS", $"{url.Host} resolve para {string.Join(", ", resolved.Take(3))}, que não é um endereço deste servidor.",
                    "Correto se houver NAT/roteador ou balanceador na frente; senão, o DNS aponta para outra máquina — corrija o registro A."));
        }
        foreach (var port in new[] { 80, 443 })
        {
            findings.Add(await network.CanConnectAsync("127.0.0.1", port, ct)
                ? DoctorFinding.Ok($"Porta {port}", $"A porta {port} responde localmente.")
                : DoctorFinding.Failed($"Porta {port}", $"Nada responde na porta {port} deste servidor.",
                    port == 80
                        ? "Inicie o proxy reverso (Apache/nginx/Caddy) ou, no modo Kestrel, inclua http://*:80 em Urls; a porta 80 é usada para o redirecionamento e a renovação do certificado."
                        : "Inicie o proxy reverso (systemctl status apache2/nginx/caddy) e confira o arquivo do site; no modo Kestrel, inclua https://*:443 em Urls."));
        }
        return findings;
    }
}

/// <summary>
/// "Erro 502/504": the proxy's target answers (/health/live on the portal's local address), the firewall lets the
/// public port in, and the last hour's slow requests and database latency.
/// </summary>
public sealed partial class GatewayCheck(IConfiguration config, IHostNetwork network, IFirewall firewall, IServiceScopeFactory scopes, PortalPaths paths, TimeProvider clock) : ISymptomCheck
{
    public DoctorSymptom Symptom => DoctorSymptom.BadGateway;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>();
        var urls = context.PortalRunning && context.BoundAddresses.Count > 0 ? context.BoundAddresses : ListeningCheck.ConfiguredUrls(config);
        var local = urls.Select(u => u.Replace("*", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal)
                .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal))
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault();
        if (local is not null)
        {
            var live = local.TrimEnd('/') + "/health/live";
            var status = await network.GetStatusAsync(live, ct);
            findings.Add(status == 200
                ? DoctorFinding.Ok("Portal local", $"{live} respondeu 200.")
                : DoctorFinding.Failed("Portal local", status is { } code ? $"{live} respondeu {code}." : $"{live} não respondeu.",
                    "O proxy não tem para onde encaminhar: inicie o serviço do portal e veja o log de inicialização; se ele está no ar, confira Urls e Health:AllowedNetworks."));
        }

        var publicPort = Uri.TryCreate(config["Portal:PublicUrl"], UriKind.Absolute, out var publicUrl) ? publicUrl.Port : 443;
        var rule = await firewall.AllowsInboundAsync(publicPort, ct);
        findings.Add(rule switch
        {
            true => DoctorFinding.Ok("Firewall", $"O firewall local permite a porta {publicPort}."),
            false => DoctorFinding.Failed("Firewall", $"O firewall local não tem regra de entrada para a porta {publicPort}.",
                OperatingSystem.IsWindows()
                    ? $"New-NetFirewallRule -DisplayName 'Portal HTTPS' -Direction Inbound -Protocol TCP -LocalPort {publicPort} -Action Allow"
                    : $"ufw allow {publicPort}/tcp (ou a regra equivalente do nftables/firewalld)."),
            null => DoctorFinding.Ok("Firewall", "Nenhum firewall local ativo detectado."),
        });

        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var slow = await SlowRequestsAsync(since, ct);
        findings.Add(slow.Count == 0
            ? DoctorFinding.Ok("Requisições lentas", "Nenhuma requisição lenta na última hora.")
            : DoctorFinding.Warning("Requisições lentas", $"{slow.Count} requisição(ões) acima de {RequestIdMiddleware.SlowThreshold.TotalMilliseconds:0} ms na última hora (máx. {slow.Max():0} ms).",
                "Respostas lentas levam o proxy ao 504: veja a latência do banco abaixo e os caminhos em app-*.log; aumente o tempo limite do proxy só para relatórios longos."));

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await db.Database.CanConnectAsync(timeout.Token);
            var watch = Stopwatch.StartNew();
            await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
            var ms = watch.ElapsedMilliseconds;
            findings.Add(ms < 200
                ? DoctorFinding.Ok("Latência do banco", $"Consulta simples em {ms} ms.")
                : DoctorFinding.Warning("Latência do banco", $"Consulta simples levou {ms} ms.",
                    "Banco sobrecarregado ou distante: confira CPU/disco do servidor de banco e consultas lentas no log."));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            findings.Add(DoctorFinding.Failed("Latência do banco", "O banco não respondeu.", "Inicie o serviço do banco (MariaDB/MySQL) e confira Database:ConnectionString."));
        }
        return findings;
    }

    private async Task<List<double>> SlowRequestsAsync(DateTime since, CancellationToken ct)
    {
        var result = new List<double>();
        if (!Directory.Exists(paths.LogsPath)) return result;
        foreach (var file in Directory.EnumerateFiles(paths.LogsPath, "app-*.log").Where(f => File.GetLastWriteTimeUtc(f) >= since))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var m = RequestTime().Match(line);
                if (!m.Success || !DateTime.TryParseExact(m.Groups["at"].Value, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) || at < since) continue;
                var ms = double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture);
                if (ms >= RequestIdMiddleware.SlowThreshold.TotalMilliseconds) result.Add(ms);
            }
        }
        return result;
    }

    [GeneratedRegex(@"^(?<at>\S+) \[\w{3}\] \S* HTTP [A-Z]+ \S+ → \d{3} em (?<ms>\d+) ms")]
    private static partial Regex RequestTime();
}

/// <summary>"Erro 500": the last 20 errors (time, request id, path, class) and whether storage accepts writes.</summary>
public sealed class ServerErrorCheck(ErrorLog errors, PortalPaths paths, TimeProvider clock) : ISymptomCheck
{
    public DoctorSymptom Symptom => DoctorSymptom.ServerError;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>();
        try
        {
            Directory.CreateDirectory(paths.FilesPath);
            var probe = Path.Combine(paths.FilesPath, ".doctor");
            await File.WriteAllTextAsync(probe, "ok", ct);
            File.Delete(probe);
            findings.Add(DoctorFinding.Ok("Armazenamento", $"A pasta de arquivos aceita gravação ({paths.FilesPath})."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            findings.Add(DoctorFinding.Failed("Armazenamento", $"Não foi possível gravar em {paths.FilesPath}.",
                "Dê permissão de escrita à conta do serviço (Linux: chown -R portal: /var/lib/portal-contabil; Windows: rode install-service.ps1 de novo) e confira o espaço em disco."));
        }
        var recent = await errors.RecentAsync(clock.GetUtcNow().UtcDateTime.AddDays(-7), 20, ct);
        if (recent.Count == 0)
            findings.Add(DoctorFinding.Ok("Últimos erros", "Nenhum erro registrado nos últimos 7 dias."));
        foreach (var e in recent)
            findings.Add(DoctorFinding.Warning("Último erro",
                $"{Time.SaoPaulo.Format(e.At)} — código {e.RequestId} — {e.Path ?? "(sem requisição)"} — {e.Kind}",
                "Procure o código em error-*.log (é o código mostrado ao usuário na página de erro) para ver a mensagem completa."));
        return findings;
    }
}
