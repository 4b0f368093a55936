using System.Diagnostics;

namespace Portal.Platform.Hosting;

public enum ServiceState { Running, Stopped, NotInstalled, Unknown }

/// <summary>State of the portal's own OS service (doctor, "O site não abre"). Windows: sc.exe; Linux: systemctl.</summary>
public interface IServiceManager
{
    string Name { get; }
    Task<ServiceState> GetStateAsync(CancellationToken ct);
}

/// <summary>Runs a command and returns exit code and output; faked in tests.</summary>
public interface ICommandRunner
{
    Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct);
}

public sealed class ProcessCommandRunner : ICommandRunner
{
    public async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout + await stderr);
    }
}

public static class ServiceManagers
{
    public static IServiceManager For(IHostPlatform platform, ICommandRunner runner) =>
        platform.IsWindows ? new WindowsServiceManager(runner) : new SystemdServiceManager(runner);
}

/// <summary>`sc.exe query PortalContabil`: "STATE : 4 RUNNING"; exit code 1060 when the service does not exist.</summary>
public sealed class WindowsServiceManager(ICommandRunner runner) : IServiceManager
{
    public string Name => ServiceHosting.WindowsServiceName;

    public async Task<ServiceState> GetStateAsync(CancellationToken ct)
    {
        try
        {
            var (code, output) = await runner.RunAsync("sc.exe", ["query", Name], ct);
            if (code == 1060) return ServiceState.NotInstalled;
            if (code != 0) return ServiceState.Unknown;
            var state = output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("STATE", StringComparison.OrdinalIgnoreCase));
            if (state is null) return ServiceState.Unknown;
            return state.Contains("RUNNING", StringComparison.OrdinalIgnoreCase) ? ServiceState.Running : ServiceState.Stopped;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException) { return ServiceState.Unknown; }
    }
}

/// <summary>`systemctl is-active portal-contabil.service` (active / inactive / failed; unknown units are "inactive"
/// too, so LoadState tells a missing unit apart).</summary>
public sealed class SystemdServiceManager(ICommandRunner runner) : IServiceManager
{
    public string Name => ServiceHosting.SystemdUnitName;

    public async Task<ServiceState> GetStateAsync(CancellationToken ct)
    {
        try
        {
            var (_, load) = await runner.RunAsync("systemctl", ["show", "--property=LoadState", "--value", Name], ct);
            if (load.Trim() == "not-found") return ServiceState.NotInstalled;
            var (_, active) = await runner.RunAsync("systemctl", ["is-active", Name], ct);
            return active.Trim() switch
            {
                "active" or "reloading" or "activating" => ServiceState.Running,
                "inactive" or "failed" or "deactivating" => ServiceState.Stopped,
                _ => ServiceState.Unknown,
            };
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException) { return ServiceState.Unknown; }
    }
}
