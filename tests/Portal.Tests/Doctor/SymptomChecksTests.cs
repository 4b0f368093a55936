using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Configuration;
using Portal.Platform.Health;
using Portal.Platform.Hosting;
using Portal.Platform.Ops.Doctor;

namespace Portal.Tests.Doctor;

/// <summary>
/// The symptom groups of operations.md §6.3 with the OS-specific parts (service manager, firewall, DNS, sockets) faked;
/// the error log is read for real from files.
/// </summary>
public sealed class SymptomChecksTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-sym-").FullName;
    private static readonly DoctorContext BeforeStart = new(false, []);

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class FakeService(ServiceState state) : IServiceManager
    {
        public string Name => "PortalContabil";
        public Task<ServiceState> GetStateAsync(CancellationToken ct) => Task.FromResult(state);
    }

    private sealed class FakeNetwork : IHostNetwork
    {
        public Dictionary<string, IPAddress[]> Dns { get; } = [];
        public HashSet<int> OpenPorts { get; } = [];
        public Dictionary<string, int> Http { get; } = [];
        public HashSet<IPAddress> Local { get; } = [IPAddress.Parse("192.168.0.10")];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            Dns.TryGetValue(host, out var a) ? Task.FromResult(a) : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
        public IReadOnlySet<IPAddress> LocalAddresses() => Local;
        public Task<bool> CanConnectAsync(string host, int port, CancellationToken ct) => Task.FromResult(OpenPorts.Contains(port));
        public Task<int?> GetStatusAsync(string url, CancellationToken ct) => Task.FromResult(Http.TryGetValue(url, out var s) ? s : (int?)null);
    }

    private sealed class FakeFirewall(bool? allows) : IFirewall
    {
        public Task<bool?> AllowsInboundAsync(int port, CancellationToken ct) => Task.FromResult(allows);
    }

    private sealed class FakeRunner(params (string Command, int Code, string Output)[] answers) : ICommandRunner
    {
        public Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
        {
            var command = file + " " + string.Join(' ', args);
            var answer = answers.FirstOrDefault(a => a.Command == command);
            return answer.Command is null ? throw new System.ComponentModel.Win32Exception("not found") : Task.FromResult((answer.Code, answer.Output));
        }
    }

    [Theory]
    [InlineData(ServiceState.Running, DoctorLevel.Ok, "em execução")]
    [InlineData(ServiceState.Stopped, DoctorLevel.Failed, "parado")]
    [InlineData(ServiceState.NotInstalled, DoctorLevel.Failed, "não instalado")]
    [InlineData(ServiceState.Unknown, DoctorLevel.Warning, "Não foi possível consultar")]
    public async Task Site_down_reports_the_service_state(ServiceState state, DoctorLevel level, string text)
    {
        var check = new ServiceRunningCheck(new FakeService(state));
        Assert.Equal(DoctorSymptom.SiteDown, check.Symptom);
        var finding = Assert.Single(await check.RunAsync(BeforeStart, CancellationToken.None));
        Assert.Equal(level, finding.Level);
        Assert.Contains(text, finding.Detail);
        if (level != DoctorLevel.Ok) Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    [Fact]
    public async Task Site_down_checks_dns_to_this_server_and_ports_80_and_443()
    {
        var network = new FakeNetwork();
        var config = Config(("Portal:PublicUrl", "https://portal.firma.test"));
        var check = new PublicAddressCheck(config, network);

        var findings = await check.RunAsync(BeforeStart, CancellationToken.None);
        Assert.Contains(findings, f => f.Check == "DNS" && f.Level == DoctorLevel.Failed && f.Detail == "O nome portal.firma.test não resolve no DNS.");
        Assert.Contains(findings, f => f.Check == "Porta 80" && f.Level == DoctorLevel.Failed);
        Assert.Contains(findings, f => f.Check == "Porta 443" && f.Level == DoctorLevel.Failed);

        network.Dns["portal.firma.test"] = [IPAddress.Parse("203.0.113.50")];
        var elsewhere = await check.RunAsync(BeforeStart, CancellationToken.None);
        Assert.Contains(elsewhere, f => f.Check == "DNS" && f.Level == DoctorLevel.Warning && f.Detail.Contains("não é um endereço deste servidor", StringComparison.Ordinal));

        network.Dns["portal.firma.test"] = [IPAddress.Parse("192.168.0.10")];
        network.OpenPorts.UnionWith([80, 443]);
        Assert.All(await check.RunAsync(BeforeStart, CancellationToken.None), f => Assert.Equal(DoctorLevel.Ok, f.Level));
    }

    [Fact]
    public async Task Bad_gateway_checks_the_local_portal_firewall_slow_requests_and_database()
    {
        var paths = new PortalPaths { DataPath = _folder };
        Directory.CreateDirectory(paths.LogsPath);
        var now = DateTime.UtcNow;
        await File.WriteAllLinesAsync(Path.Combine(paths.LogsPath, $"app-{now:yyyyMMdd}.log"),
        [
            $"{now.AddMinutes(-10):yyyy-MM-ddTHH:mm:ss.fff}Z [WRN] 0HLENTO HTTP GET /relatorios → 200 em 4200 ms (usuário 1, IP 10.0.0.5) Serilog.AspNetCore.RequestLoggingMiddleware",
            $"{now.AddMinutes(-9):yyyy-MM-ddTHH:mm:ss.fff}Z [INF] 0HRAPIDO HTTP GET / → 200 em 12 ms (usuário 1, IP 10.0.0.5) Serilog.AspNetCore.RequestLoggingMiddleware",
            $"{now.AddHours(-3):yyyy-MM-ddTHH:mm:ss.fff}Z [WRN] 0HANTIGO HTTP GET /velho → 200 em 9000 ms (usuário 1, IP 10.0.0.5) Serilog.AspNetCore.RequestLoggingMiddleware",
        ]);
        var network = new FakeNetwork();
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var config = Config(("Urls", "http://127.0.0.1:5080"), ("Portal:PublicUrl", "https://portal.firma.test"));
        var check = new GatewayCheck(config, network, new FakeFirewall(false), scopes, paths, TimeProvider.System);
        Assert.Equal(DoctorSymptom.BadGateway, check.Symptom);

        var findings = await check.RunAsync(BeforeStart, CancellationToken.None);
        Assert.Contains(findings, f => f.Check == "Portal local" && f.Level == DoctorLevel.Failed && f.Detail == "http://127.0.0.1:5080/health/live não respondeu.");
        Assert.Contains(findings, f => f.Check == "Firewall" && f.Level == DoctorLevel.Failed && f.Detail.Contains("porta 443", StringComparison.Ordinal));
        var slow = Assert.Single(findings, f => f.Check == "Requisições lentas");
        Assert.Equal(DoctorLevel.Warning, slow.Level);
        Assert.StartsWith("1 requisição(ões) acima de 750 ms na última hora (máx. 4200 ms)", slow.Detail);
        Assert.Contains(findings, f => f.Check == "Latência do banco" && f.Level == DoctorLevel.Failed);

        network.Http["http://127.0.0.1:5080/health/live"] = 200;
        var ok = await new GatewayCheck(config, network, new FakeFirewall(null), scopes, paths, TimeProvider.System).RunAsync(BeforeStart, CancellationToken.None);
        Assert.Contains(ok, f => f.Check == "Portal local" && f.Level == DoctorLevel.Ok);
        Assert.Contains(ok, f => f.Check == "Firewall" && f.Level == DoctorLevel.Ok);
    }

    [Fact]
    public async Task Server_error_lists_the_last_errors_with_request_id_path_and_class()
    {
        var paths = new PortalPaths { DataPath = _folder };
        Directory.CreateDirectory(paths.LogsPath);
        var now = DateTime.UtcNow;
        var lines = new List<string>
        {
            $"{now.AddDays(-9):yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] 0HVELHO Erro antigo Portal.X",
            $"{now.AddMinutes(-30):yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] 0HCLIENTE An unhandled exception has occurred while executing the request. Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware",
            "System.InvalidOperationException: Sequence contains no elements",
            "   at Portal.Features.Clients.Pages.DetailModel.OnGetAsync()",
            $"{now.AddMinutes(-30):yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] 0HCLIENTE HTTP GET /clientes/42 → 500 em 31 ms (usuário 7, IP 10.0.0.9) Serilog.AspNetCore.RequestLoggingMiddleware",
        };
        for (var i = 0; i < 25; i++)
            lines.Add($"{now.AddMinutes(-20 + i * 0.1):yyyy-MM-ddTHH:mm:ss.fff}Z [ERR] 0HJOB{i:00} Falha na tarefa agendada backup Portal.Platform.Jobs.JobExecutor");
        await File.WriteAllLinesAsync(Path.Combine(paths.LogsPath, $"error-{now:yyyyMMdd}.log"), lines);

        var errors = await new ErrorLog(paths).RecentAsync(now.AddDays(-7), 100, CancellationToken.None);
        Assert.Equal(26, errors.Count);
        var request = Assert.Single(errors, e => e.RequestId == "0HCLIENTE");
        Assert.Equal("/clientes/42", request.Path);
        Assert.Equal("System.InvalidOperationException", request.Kind);
        Assert.Equal("JobExecutor", errors[0].Kind);
        Assert.Equal("0HJOB24", errors[0].RequestId); // newest first
        Assert.DoesNotContain(errors, e => e.RequestId == "0HVELHO");

        var check = new ServerErrorCheck(new ErrorLog(paths), paths, TimeProvider.System);
        Assert.Equal(DoctorSymptom.ServerError, check.Symptom);
        var findings = await check.RunAsync(BeforeStart, CancellationToken.None);
        Assert.Contains(findings, f => f.Check == "Armazenamento" && f.Level == DoctorLevel.Ok);
        var listed = findings.Where(f => f.Check == "Último erro").ToList();
        Assert.Equal(20, listed.Count);
        Assert.All(listed, f => Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d — código 0H\w+ — .+ — \w", f.Detail));

        // A storage folder that cannot be written: a file where the folder should be.
        var blocked = new PortalPaths { DataPath = Path.Combine(_folder, "bloqueado") };
        Directory.CreateDirectory(blocked.DataPath);
        await File.WriteAllTextAsync(blocked.FilesPath, "não é uma pasta");
        var storage = Assert.Single(await new ServerErrorCheck(new ErrorLog(blocked), blocked, TimeProvider.System).RunAsync(BeforeStart, CancellationToken.None), f => f.Check == "Armazenamento");
        Assert.Equal(DoctorLevel.Failed, storage.Level);
        Assert.NotNull(storage.Fix);
    }

    [Fact]
    public async Task Symptom_argument_selects_the_group_and_every_run_checks_always_come()
    {
        var services = new ServiceCollection();
        services.AddScoped<IDoctorCheck>(_ => new ServiceRunningCheck(new FakeService(ServiceState.Running)));
        services.AddScoped<IDoctorCheck>(_ => new ServerErrorCheck(new ErrorLog(new PortalPaths { DataPath = _folder }), new PortalPaths { DataPath = _folder }, TimeProvider.System));
        services.AddScoped<IDoctorCheck>(_ => new RecentErrorsCheck(new PortalPaths { DataPath = _folder }, TimeProvider.System));
        services.AddScoped<PortalDoctor>();
        await using var provider = services.BuildServiceProvider();
        var doctor = provider.GetRequiredService<PortalDoctor>();

        var site = await doctor.RunAsync(false, DoctorSymptoms.Parse("site"));
        Assert.Contains(site, f => f.Symptom == DoctorSymptom.SiteDown);
        Assert.DoesNotContain(site, f => f.Symptom == DoctorSymptom.ServerError);
        Assert.Contains(site, f => f.Symptom is null && f.Check == "Erros recentes");

        var all = await doctor.RunAsync(false, null);
        Assert.Contains(all, f => f.Symptom == DoctorSymptom.SiteDown);
        Assert.Contains(all, f => f.Symptom == DoctorSymptom.ServerError);

        Assert.Equal(DoctorSymptom.BadGateway, DoctorSymptoms.Parse("504"));
        Assert.Null(DoctorSymptoms.Parse("lento"));
    }

    [Theory]
    [InlineData("Status: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n443/tcp                    ALLOW       Anywhere\n", true)]
    [InlineData("Status: active\n\nTo                         Action      From\nNginx Full                 ALLOW       Anywhere\n", true)]
    [InlineData("Status: active\n\nTo                         Action      From\n22/tcp                     ALLOW       Anywhere\n", false)]
    [InlineData("Status: inactive\n", null)]
    public async Task Ufw_rules_decide_the_linux_firewall_answer(string output, bool? expected)
    {
        var firewall = Firewalls.For(new LinuxPlatform(), new FakeRunner(("ufw status", 0, output)));
        Assert.Equal(expected, await firewall.AllowsInboundAsync(443, CancellationToken.None));
    }

    [Fact]
    public async Task Netsh_rules_decide_the_windows_firewall_answer()
    {
        const string state = "Domain Profile Settings:\r\n----------------------------------------------------------------------\r\nState                                 ON\r\n";
        const string rules = "Rule Name:                            Portal HTTPS\r\n----------------------------------------------------------------------\r\nEnabled:                              Yes\r\nDirection:                            In\r\nProtocol:                             TCP\r\nLocalPort:                            80,443\r\nAction:                               Allow\r\n\r\nRule Name:                            Bloqueio\r\nProtocol:                             TCP\r\nLocalPort:                            8000-9000\r\nAction:                               Block\r\n";
        IFirewall Windows(string rulesOutput) => Firewalls.For(new WindowsPlatform(), new FakeRunner(
            ("netsh advfirewall show allprofiles state", 0, state),
            ("netsh advfirewall firewall show rule name=all dir=in status=enabled", 0, rulesOutput)));
        Assert.True(await Windows(rules).AllowsInboundAsync(443, CancellationToken.None));
        Assert.False(await Windows(rules).AllowsInboundAsync(8443, CancellationToken.None));
        Assert.True(await Windows(rules.Replace("80,443", "400-500", StringComparison.Ordinal)).AllowsInboundAsync(443, CancellationToken.None));
        Assert.Null(await Firewalls.For(new WindowsPlatform(), new FakeRunner(("netsh advfirewall show allprofiles state", 0, "State OFF\r\n"))).AllowsInboundAsync(443, CancellationToken.None));
    }

    private sealed class LinuxPlatform : IHostPlatform
    {
        public bool IsWindows => false;
        public string CommonApplicationData => "/usr/share";
    }

    private sealed class WindowsPlatform : IHostPlatform
    {
        public bool IsWindows => true;
        public string CommonApplicationData => @"C:\ProgramData";
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
