namespace Portal.Platform.Web;

/// <summary>
/// One entry of the left menu. Each feature registers its own entries (<see cref="MenuExtensions.AddMenuItem"/>), so
/// the shell knows no module; entries are shown only to holders of <see cref="Permission"/> (null = every user) or of
/// any of <see cref="OrPermissions"/>.
/// </summary>
public sealed record MenuItem(string Area, string Label, string Icon, string Path, string? Permission, int Order = 0)
{
    /// <summary>Pages that may be chosen as start page (identity.md §2 StartPage).</summary>
    public bool IsStartPage { get; init; } = true;

    /// <summary>Other permissions that also open the page (e.g. the rules page: settings.manage or any module's configure).</summary>
    public IReadOnlyList<string> OrPermissions { get; init; } = [];

    public bool VisibleTo(Authorization.PermissionSet permissions) =>
        Permission is null || permissions.Has(Permission) || OrPermissions.Any(permissions.Has);
}

public static class MenuExtensions
{
    public static IServiceCollection AddMenuItem(this IServiceCollection services, MenuItem item) =>
        services.AddSingleton(item);
}
