using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Portal.Platform.Hosting;

/// <summary>DNS, local addresses and local connections for the doctor's "O site não abre" / "Erro 502/504" checks.</summary>
public interface IHostNetwork
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
    IReadOnlySet<IPAddress> LocalAddresses();
    Task<bool> CanConnectAsync(string host, int port, CancellationToken ct);

    /// <summary>HTTP status of a GET, or null when nothing answered.</summary>
    Task<int?> GetStatusAsync(string url, CancellationToken ct);
}

public sealed class HostNetwork : IHostNetwork
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);

    public IReadOnlySet<IPAddress> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address).ToHashSet();

    public async Task<bool> CanConnectAsync(string host, int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested) { return false; }
    }

    public async Task<int?> GetStatusAsync(string url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try { return (int)(await http.GetAsync(url, ct)).StatusCode; }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { return null; }
    }
}

/// <summary>Whether the local firewall lets a TCP port in: true/false, or null when no firewall is active or readable.</summary>
public interface IFirewall
{
    Task<bool?> AllowsInboundAsync(int port, CancellationToken ct);
}

public static class Firewalls
{
    public static IFirewall For(IHostPlatform platform, ICommandRunner runner) =>
        platform.IsWindows ? new WindowsFirewall(runner) : new UfwFirewall(runner);
}

/// <summary>`netsh advfirewall`: profiles state, then the inbound allow rules' LocalPort lists.</summary>
public sealed class WindowsFirewall(ICommandRunner runner) : IFirewall
{
    public async Task<bool?> AllowsInboundAsync(int port, CancellationToken ct)
    {
        try
        {
            var (code, state) = await runner.RunAsync("netsh", ["advfirewall", "show", "allprofiles", "state"], ct);
            if (code != 0 || !state.Split('\n').Any(l => l.TrimStart().StartsWith("State", StringComparison.OrdinalIgnoreCase) && l.Contains("ON", StringComparison.OrdinalIgnoreCase)))
                return null;
            var (_, rules) = await runner.RunAsync("netsh", ["advfirewall", "firewall", "show", "rule", "name=all", "dir=in", "status=enabled"], ct);
            // Rules are blocks of "Key: value" lines separated by blank lines.
            foreach (var block in rules.Replace("\r", "", StringComparison.Ordinal).Split("\n\n"))
            {
                var fields = block.Split('\n').Where(l => l.Contains(':', StringComparison.Ordinal))
                    .Select(l => (Key: l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                    .GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
                if (fields.GetValueOrDefault("Action") is not { } action || !action.Equals("Allow", StringComparison.OrdinalIgnoreCase)) continue;
                if (fields.GetValueOrDefault("Protocol") is { } protocol && !protocol.Equals("TCP", StringComparison.OrdinalIgnoreCase) && !protocol.Equals("Any", StringComparison.OrdinalIgnoreCase)) continue;
                if (fields.GetValueOrDefault("LocalPort") is { } ports && PortListContains(ports, port)) return true;
            }
            return false;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException) { return null; }
    }

    internal static bool PortListContains(string list, int port) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(p =>
            p.Equals("Any", StringComparison.OrdinalIgnoreCase)
            || (p.Split('-') is [var from, var to] && int.TryParse(from, out var a) && int.TryParse(to, out var b) && a <= port && port <= b)
            || (int.TryParse(p, out var single) && single == port));
}

/// <summary>`ufw status` (Debian/Ubuntu). Without ufw, or inactive, nothing is filtered here.</summary>
public sealed class UfwFirewall(ICommandRunner runner) : IFirewall
{
    public async Task<bool?> AllowsInboundAsync(int port, CancellationToken ct)
    {
        try
        {
            var (code, output) = await runner.RunAsync("ufw", ["status"], ct);
            if (code != 0 || !output.Contains("Status: active", StringComparison.Ordinal)) return null;
            var profiles = port switch
            {
                443 => new[] { "Apache Full", "Apache Secure", "Nginx Full", "Nginx HTTPS", "WWW Full", "WWW Secure" },
                80 => ["Apache", "Apache Full", "Nginx Full", "Nginx HTTP", "WWW", "WWW Full"],
                _ => [],
            };
            return output.Split('\n').Select(l => l.Trim()).Any(l => l.Contains("ALLOW", StringComparison.Ordinal) &&
                (l.StartsWith($"{port}/tcp ", StringComparison.Ordinal) || l.StartsWith($"{port} ", StringComparison.Ordinal)
                 || profiles.Any(p => l.StartsWith(p + " ", StringComparison.Ordinal))));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException) { return null; }
    }
}
