namespace Portal.Platform.Web;

/// <summary>
/// One entry of the left menu. Each feature registers its own entries (<see cref="MenuExtensions.AddMenuItem"/>), so
/// the shell knows no module; entries are shown only to holders of <see cref="Permission"/> (null = every user).
/// </summary>
public sealed record MenuItem(string Area, string Label, string Icon, string Path, string? Permission, int Order = 0)
{
    /// <summary>Pages that may be chosen as start page (identity.md §2 StartPage).</summary>
    public bool IsStartPage { get; init; } = true;
}

public static class MenuExtensions
{
    public static IServiceCollection AddMenuItem(this IServiceCollection services, MenuItem item) =>
        services.AddSingleton(item);
}
