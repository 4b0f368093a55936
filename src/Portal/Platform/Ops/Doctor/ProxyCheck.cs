using System.Text.RegularExpressions;
using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Doctor;

/// <summary>
/// "Cabeçalhos do proxy" and "Proxy → porta do portal" (operations.md §6.3, OPS-17): recent requests arrived the
/// expected way, and the proxy configuration (Doctor:ProxyConfigPath) forwards to the port the portal listens on.
/// </summary>
public sealed partial class ProxyCheck(IConfiguration config, IHostEnvironment environment, ProxyObservations observations) : IDoctorCheck
{
    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>();
        var mode = config.GetTlsMode(environment);
        if (context.PortalRunning && mode == TlsMode.Proxy)
        {
            var (https, http, untrusted, _) = observations.Snapshot();
            if (untrusted > 0)
                findings.Add(DoctorFinding.Warning("Cabeçalhos do proxy", $"{untrusted} requisição(ões) trouxeram X-Forwarded-For de um endereço que não é proxy confiável.",
                    "Inclua o endereço do proxy reverso em ForwardedHeaders:KnownProxies (o IP registrado nos logs é o do proxy, não o do usuário)."));
            else if (http > 0 && https == 0)
                findings.Add(DoctorFinding.Warning("Cabeçalhos do proxy", "O proxy repassa as requisições sem X-Forwarded-Proto: https.",
                    "Configure o proxy para enviar X-Forwarded-Proto (Apache: RequestHeader set X-Forwarded-Proto https; nginx: proxy_set_header X-Forwarded-Proto $scheme)."));
            else
                findings.Add(DoctorFinding.Ok("Cabeçalhos do proxy", https > 0 ? $"{https} requisição(ões) recentes vieram do proxy confiável com HTTPS." : "Nenhuma requisição com cabeçalhos de proxy inválidos."));
        }
        if (config["Doctor:ProxyConfigPath"] is { Length: > 0 } path)
        {
            var portalPorts = PortalPorts(context).ToHashSet();
            if (!File.Exists(path))
                findings.Add(DoctorFinding.Warning("Proxy → portal", $"Arquivo de configuração do proxy não encontrado: {path}.", "Corrija Doctor:ProxyConfigPath."));
            else
            {
                var text = await File.ReadAllTextAsync(path, ct);
                var targets = ProxyTarget().Matches(text).Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
                var wrong = targets.Where(p => !portalPorts.Contains(p)).ToList();
                if (targets.Count == 0)
                    findings.Add(DoctorFinding.Warning("Proxy → portal", $"Nenhum destino (ProxyPass/proxy_pass/reverse_proxy) encontrado em {path}.", "Confira a configuração do proxy reverso."));
                else if (wrong.Count > 0)
                    findings.Add(DoctorFinding.Failed("Proxy → portal",
                        $"o proxy aponta para a porta {string.Join(", ", wrong)}, o portal escuta na {string.Join(", ", portalPorts)}",
                        $"Corrija o destino em {path} para a porta {portalPorts.FirstOrDefault()} e recarregue o proxy (ou ajuste Urls do portal)."));
                else
                    findings.Add(DoctorFinding.Ok("Proxy → portal", $"O proxy encaminha para a porta {string.Join(", ", targets)}, a mesma do portal."));
            }
        }
        return findings;
    }

    private IEnumerable<int> PortalPorts(DoctorContext context)
    {
        var urls = context.PortalRunning && context.BoundAddresses.Count > 0 ? context.BoundAddresses : ListeningCheck.ConfiguredUrls(config);
        foreach (var url in urls)
        {
            var m = PortOf().Match(url);
            if (m.Success) yield return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"(?:ProxyPass(?:Reverse)?\s+\S+|proxy_pass|reverse_proxy(?:\s+\S+)?)\s+(?:https?://)?(?:\[[^\]]+\]|[\w.\-]+):(?<port>\d{1,5})", RegexOptions.IgnoreCase)]
    private static partial Regex ProxyTarget();

    [GeneratedRegex(@":(\d{1,5})/?$")]
    private static partial Regex PortOf();
}
