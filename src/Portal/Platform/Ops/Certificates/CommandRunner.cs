using System.Diagnostics;
using System.Text;

namespace Portal.Platform.Ops.Certificates;

/// <summary>Runs Tls:RenewCommand / Tls:ReloadCommand through the system shell with a timeout, output into the log.</summary>
public sealed class CommandRunner(ILogger<CommandRunner> log)
{
    public sealed record Outcome(bool Succeeded, int? ExitCode, string Output);

    public async Task<Outcome> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var info = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe") : new ProcessStartInfo("/bin/sh");
        if (OperatingSystem.IsWindows()) { info.ArgumentList.Add("/c"); info.ArgumentList.Add(command); }
        else { info.ArgumentList.Add("-c"); info.ArgumentList.Add(command); }
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Outcome(false, null, $"Não foi possível executar o comando: {ex.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            var partial = Text(output);
            log.LogError("Comando excedeu {Minutes:0.#} min e foi interrompido: {Command}\n{Output}", timeout.TotalMinutes, command, partial);
            return new Outcome(false, null, $"Tempo esgotado ({timeout.TotalMinutes:0.#} min).\n{partial}");
        }
        process.WaitForExit(); // drains the asynchronous output readers
        var text = Text(output);
        log.LogInformation("Comando terminou com código {ExitCode}: {Command}\n{Output}", process.ExitCode, command, text);
        return new Outcome(process.ExitCode == 0, process.ExitCode, text);
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.Length > 4000 ? output.ToString(output.Length - 4000, 4000) : output.ToString();
    }
}
