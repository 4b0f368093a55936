using System.Diagnostics;

namespace Portal.Tests.Deploy;

/// <summary>The shipped files under deploy/, and the real tools (nginx, apache2, caddy) to validate them.</summary>
internal static class DeployFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, "deploy", relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    /// <summary>Lines without comments and surrounding blanks, so assertions never match a commented example.</summary>
    public static IReadOnlyList<string> Directives(string relative, string comment = "#") =>
        Read(relative).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith(comment, StringComparison.Ordinal)).ToList();

    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException(file); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The tool from PATH or /usr/sbin; scripts/test.sh installs nginx, apache2 and caddy from Debian.</summary>
    public static string Tool(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Select(d => System.IO.Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} não instalado: rode os testes com scripts/test.sh (ele instala nginx-light, apache2 e caddy).");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Portal.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Portal.slnx not found above the test binaries.");
    }
}
