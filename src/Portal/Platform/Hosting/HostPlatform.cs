namespace Portal.Platform.Hosting;

/// <summary>
/// The few facts about the operating system that change defaults (operations.md §2/§4). Behind an interface so the
/// Windows paths are unit-tested on the Linux test machines.
/// </summary>
public interface IHostPlatform
{
    bool IsWindows { get; }

    /// <summary>%ProgramData% on Windows.</summary>
    string CommonApplicationData { get; }
}

public sealed class SystemHostPlatform : IHostPlatform
{
    public static SystemHostPlatform Instance { get; } = new();

    public bool IsWindows => OperatingSystem.IsWindows();

    public string CommonApplicationData => Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData);
}
