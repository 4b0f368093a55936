using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Tests.Certificates;

/// <summary>
/// A private pebble (Debian's ACME test server) on loopback: its HTTPS certificate comes from the test CA, its DNS is
/// a private pebble-challtestsrv answering 127.0.0.1 for every name, and HTTP-01 validation goes to
/// <c>httpPort</c> (the portal's HTTP port, or certbot's). Killed (by its own process id) on dispose.
/// </summary>
public sealed class Pebble : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    public required string Folder { get; init; }
    public required int Port { get; init; }
    public required int ManagementPort { get; init; }
    public Uri Directory => new($"https://127.0.0.1:{Port}/dir");
    public string ServerCaPath => Path.Combine(Folder, "pebble-ca.pem");
    public string RootsPath => Path.Combine(Folder, "pebble-roots.pem");

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Ports chosen first: the portal's settings name the directory before pebble runs.</summary>
    public static Pebble Prepare() => new()
    {
        Folder = System.IO.Directory.CreateTempSubdirectory("portal-pebble-").FullName, Port = FreePort(), ManagementPort = FreePort(),
    };

    public async Task StartAsync(int httpPort)
    {
        using var authority = new TestCertificates.Authority("Pebble test listener CA");
        File.WriteAllText(ServerCaPath, authority.Pem);
        // The listener certificate must name 127.0.0.1 too: clients connect by IP.
        var (chain, key) = IpCertificate(authority);
        File.WriteAllText(Path.Combine(Folder, "cert.pem"), chain);
        File.WriteAllText(Path.Combine(Folder, "key.pem"), key);
        var dnsPort = FreePort();
        File.WriteAllText(Path.Combine(Folder, "pebble.json"), $$"""
            { "pebble": {"listenAddress": "127.0.0.1:{{Port}}", "managementListenAddress": "127.0.0.1:{{ManagementPort}}",
              "certificate": "{{Folder}}/cert.pem", "privateKey": "{{Folder}}/key.pem",
              "httpPort": {{httpPort}}, "tlsPort": {{FreePort()}}, "ocspResponderURL": "", "externalAccountBindingRequired": false} }
            """);
        Start("pebble-challtestsrv", ["-dns01", $"127.0.0.1:{dnsPort}", "-http01", "", "-https01", "", "-tlsalpn01", "",
            "-management", $"127.0.0.1:{FreePort()}", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""]);
        Start("pebble", ["-config", Path.Combine(Folder, "pebble.json"), "-dnsserver", $"127.0.0.1:{dnsPort}"]);

        using var http = Client();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await http.GetStringAsync(Directory);
                File.WriteAllText(RootsPath, await http.GetStringAsync($"https://127.0.0.1:{ManagementPort}/roots/0"));
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static (string Chain, string Key) IpCertificate(TestCertificates.Authority authority)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pebble", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.Create(authority.Certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4, 5, 6, 7, 8]);
        return (cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>Trusts the test CA of pebble's listener only.</summary>
    public HttpClient Client()
    {
        var handler = new SocketsHttpHandler();
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(ServerCaPath);
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        return new HttpClient(handler);
    }

    private void Start(string program, string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        info.Environment["PEBBLE_WFE_NONCEREJECT"] = "0";
        var process = Process.Start(info)!;
        var log = Path.Combine(Folder, program + ".log");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_processes) File.AppendAllText(log, e.Data + "\n"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_processes) File.AppendAllText(log, e.Data + "\n"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    public string Logs() => string.Join("\n", System.IO.Directory.GetFiles(Folder, "*.log").Select(File.ReadAllText));

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }
        try { System.IO.Directory.Delete(Folder, true); }
        catch (IOException) { }
    }
}
