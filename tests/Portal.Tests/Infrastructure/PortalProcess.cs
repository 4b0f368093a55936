using System.Diagnostics;

namespace Portal.Tests.Infrastructure;

/// <summary>Runs the built portal executable as an operator would (`portal migrate`, start-up checks…).</summary>
public static class PortalProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string dataPath, IEnumerable<string> args, string environment = "Development", TimeSpan? timeout = null)
    {
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add($"--Portal:DataPath={dataPath}");
        info.ArgumentList.Add("--Urls=http://127.0.0.1:0");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_ENVIRONMENT"] = environment;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("portal " + string.Join(' ', args) + " did not exit");
        }
        return new Result(process.ExitCode, await stdout + "\n" + await stderr);
    }
}
