using System.Net;
using System.Net.Sockets;

namespace Portal.Platform.Ops.Doctor;

/// <summary>
/// "Endereços de escuta": running, the portal is bound to its addresses; before start (`portal doctor`), the
/// configured ports must be free.
/// </summary>
public sealed class ListeningCheck(IConfiguration config) : IDoctorCheck
{
    private const string Name = "Endereço de escuta";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>();
        if (context.PortalRunning)
        {
            findings.Add(context.BoundAddresses.Count > 0
                ? DoctorFinding.Ok(Name, $"Portal escutando em {string.Join(", ", context.BoundAddresses)}.")
                : DoctorFinding.Warning(Name, "Não foi possível ler os endereços em uso.", "Confira a chave Urls da configuração."));
            return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
        }
        foreach (var url in ConfiguredUrls(config))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                findings.Add(DoctorFinding.Failed(Name, $"Endereço inválido em Urls: '{url}'.", "Use, por exemplo, http://127.0.0.1:5080"));
                continue;
            }
            if (uri.Port == 0) continue;
            var address = IPAddress.TryParse(uri.Host, out var ip) ? ip : IPAddress.Loopback;
            findings.Add(IsFree(address, uri.Port)
                ? DoctorFinding.Ok(Name, $"Porta {uri.Port} livre para {url}.")
                : DoctorFinding.Warning(Name, $"A porta {uri.Port} já está em uso ({url}).",
                    "Se o portal já está rodando como serviço, está correto; senão, descubra o programa que usa a porta (ss -ltnp / netstat -ano) ou mude Urls."));
        }
        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
    }

    public static IEnumerable<string> ConfiguredUrls(IConfiguration config) =>
        (config["Urls"] ?? config["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }
}
