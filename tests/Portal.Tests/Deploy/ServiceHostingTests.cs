using Microsoft.Extensions.Configuration;
using Portal.Platform.Configuration;
using Portal.Platform.Hosting;

namespace Portal.Tests.Deploy;

/// <summary>OS-specific paths of operations.md §2/§4 (data folder default, service state) with fakes, so Windows
/// behaviour is verified on Linux.</summary>
public sealed class ServiceHostingTests
{
    private sealed class FakePlatform(bool windows, string programData = @"C:\ProgramData") : IHostPlatform
    {
        public bool IsWindows => windows;
        public string CommonApplicationData => programData;
    }

    private sealed class FakeRunner(params (string Command, int Code, string Output)[] answers) : ICommandRunner
    {
        public List<string> Calls { get; } = [];

        public Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
        {
            var command = file + " " + string.Join(' ', args);
            Calls.Add(command);
            var answer = answers.FirstOrDefault(a => a.Command == command);
            return answer.Command is null
                ? throw new System.ComponentModel.Win32Exception("not found")
                : Task.FromResult((answer.Code, answer.Output));
        }
    }

    private static readonly IConfiguration Empty = new ConfigurationBuilder().Build();

    [Fact]
    public void Data_path_defaults_to_ProgramData_on_Windows_and_var_lib_on_Linux_outside_development()
    {
        Assert.Equal(@"C:\ProgramData\PortalContabil", PortalPaths.ResolveDataPath(Empty, "/app", false, new FakePlatform(true)));
        Assert.Equal(@"D:\Dados\PortalContabil", PortalPaths.ResolveDataPath(Empty, "/app", false, new FakePlatform(true, @"D:\Dados\")));
        Assert.Equal("/var/lib/portal-contabil", PortalPaths.ResolveDataPath(Empty, "/app", false, new FakePlatform(false)));
        Assert.Equal(Path.Combine("/app", "data"), PortalPaths.ResolveDataPath(Empty, "/app", true, new FakePlatform(true)));
        var configured = new ConfigurationBuilder().AddInMemoryCollection([new("Portal:DataPath", "/srv/portal")]).Build();
        Assert.Equal("/srv/portal", PortalPaths.ResolveDataPath(configured, "/app", false, new FakePlatform(true)));
    }

    [Theory]
    [InlineData(0, "SERVICE_NAME: PortalContabil\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 4  RUNNING\r\n", ServiceState.Running)]
    [InlineData(0, "SERVICE_NAME: PortalContabil\r\n        STATE              : 1  STOPPED\r\n", ServiceState.Stopped)]
    [InlineData(1060, "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\r\n\r\nThe specified service does not exist as an installed service.\r\n", ServiceState.NotInstalled)]
    [InlineData(5, "[SC] OpenService FAILED 5:\r\n\r\nAccess is denied.\r\n", ServiceState.Unknown)]
    public async Task Windows_service_state_comes_from_sc_query(int code, string output, ServiceState expected)
    {
        var runner = new FakeRunner(("sc.exe query PortalContabil", code, output));
        var manager = ServiceManagers.For(new FakePlatform(true), runner);
        Assert.Equal("PortalContabil", manager.Name);
        Assert.Equal(expected, await manager.GetStateAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("loaded", "active", ServiceState.Running)]
    [InlineData("loaded", "failed", ServiceState.Stopped)]
    [InlineData("loaded", "inactive", ServiceState.Stopped)]
    [InlineData("not-found", "inactive", ServiceState.NotInstalled)]
    public async Task Systemd_unit_state_comes_from_systemctl(string load, string active, ServiceState expected)
    {
        var runner = new FakeRunner(
            ("systemctl show --property=LoadState --value portal-contabil.service", 0, load + "\n"),
            ("systemctl is-active portal-contabil.service", active == "active" ? 0 : 3, active + "\n"));
        var manager = ServiceManagers.For(new FakePlatform(false), runner);
        Assert.Equal(expected, await manager.GetStateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_service_tool_is_an_unknown_state_not_an_error()
    {
        Assert.Equal(ServiceState.Unknown, await ServiceManagers.For(new FakePlatform(false), new FakeRunner()).GetStateAsync(CancellationToken.None));
        Assert.Equal(ServiceState.Unknown, await ServiceManagers.For(new FakePlatform(true), new FakeRunner()).GetStateAsync(CancellationToken.None));
    }
}
