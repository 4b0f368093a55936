using Portal.Platform.Hosting;

namespace Portal.Tests.Deploy;

/// <summary>
/// operations.md §4: the service manager restarts the portal (OPS-03) and Windows recovers it within a minute (OPS-18,
/// CI part) — configuration, so it is checked in the shipped files; the Windows run itself follows the manual checklist
/// in docs/instalacao-windows.md.
/// </summary>
public sealed class ServiceFilesTests
{
    private static ILookup<string, string> Unit() =>
        DeployFiles.Directives("linux/portal-contabil.service")
            .Where(l => !l.StartsWith('[') && l.Contains('=', StringComparison.Ordinal))
            .ToLookup(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);

    [Fact]
    public void Systemd_unit_restarts_always_after_5_seconds_as_notify_service_of_the_portal_user()
    {
        var unit = Unit();
        Assert.Equal("notify", unit["Type"].Single());
        Assert.Equal("always", unit["Restart"].Single());
        Assert.Equal("5", unit["RestartSec"].Single());
        Assert.Equal("portal", unit["User"].Single());
        Assert.Equal("/etc/portal-contabil/env", unit["EnvironmentFile"].Single());
        var after = unit["After"].Single().Split(' ');
        Assert.Contains("network-online.target", after);
        Assert.Contains("mariadb.service", after);
        Assert.Equal("multi-user.target", unit["WantedBy"].Single());
        Assert.StartsWith("/", unit["ExecStart"].Single());
    }

    [Fact]
    public void Systemd_unit_is_hardened_with_only_the_data_folder_writable()
    {
        var unit = Unit();
        Assert.Equal("true", unit["NoNewPrivileges"].Single());
        Assert.Equal("strict", unit["ProtectSystem"].Single());
        Assert.Equal("true", unit["ProtectHome"].Single());
        Assert.Equal("true", unit["PrivateTmp"].Single());
        Assert.Equal("/var/lib/portal-contabil", unit["ReadWritePaths"].Single());
        // .NET's JIT needs writable+executable memory: this option would make the portal crash at start.
        Assert.Empty(unit["MemoryDenyWriteExecute"]);
    }

    [Fact]
    public void Systemd_environment_example_uses_the_portal_prefix_and_the_proxy_mode_address()
    {
        var env = DeployFiles.Directives("linux/env.example");
        Assert.All(env, l => Assert.StartsWith("PORTAL__", l));
        Assert.Contains("PORTAL__Urls=http://127.0.0.1:5080", env);
        Assert.Contains("PORTAL__Portal__DataPath=/var/lib/portal-contabil", env);
    }

    [Fact]
    public void Windows_install_script_registers_PortalContabil_delayed_with_virtual_account_and_recovery()
    {
        var script = DeployFiles.Read("windows/install-service.ps1");
        Assert.Contains("$ServiceName = 'PortalContabil'", script);
        Assert.Contains("$ServiceAccount = \"NT SERVICE\\$ServiceName\"", script);
        Assert.Contains("start= delayed-auto obj= $ServiceAccount", script);
        // Recovery: restart after 1 minute for the first three failures (OPS-18).
        Assert.Contains("actions= restart/60000/restart/60000/restart/60000", script);
        Assert.Contains("sc.exe failureflag $ServiceName 1", script);
        // Write access only to DataPath: inheritance cut, Modify for the service account there, read+execute on the program.
        Assert.Contains("SetAccessRuleProtection($true, $false)", script);
        Assert.Contains("FileSystemAccessRule($ServiceAccount, 'Modify'", script);
        Assert.Contains("\"${ServiceAccount}:(OI)(CI)RX\"", script);
        Assert.Contains("(Join-Path $env:ProgramData 'PortalContabil')", script);
        // Event Log source the portal writes its errors to.
        Assert.Contains("$EventSource = 'PortalContabil'", script);
        Assert.Contains("New-EventLog -LogName Application -Source $EventSource", script);
        Assert.Contains("IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)", script);
    }

    [Fact]
    public void Windows_uninstall_script_stops_and_deletes_the_service_but_keeps_the_data()
    {
        var script = DeployFiles.Read("windows/uninstall-service.ps1");
        Assert.Contains("$ServiceName = 'PortalContabil'", script);
        Assert.Contains("Stop-Service -Name $ServiceName", script);
        Assert.Contains("sc.exe delete $ServiceName", script);
        Assert.DoesNotContain("Remove-Item", script);
    }

    [Fact]
    public void Service_names_in_the_files_match_the_ones_the_portal_runs_and_checks_under()
    {
        Assert.Contains($"$ServiceName = '{ServiceHosting.WindowsServiceName}'", DeployFiles.Read("windows/install-service.ps1"));
        Assert.True(File.Exists(DeployFiles.Path("linux/" + ServiceHosting.SystemdUnitName)));
        var program = File.ReadAllText(Path.Combine(DeployFiles.Root, "src", "Portal", "Program.cs"));
        Assert.Contains("builder.AddPortalServiceHosting();", program);
    }
}
