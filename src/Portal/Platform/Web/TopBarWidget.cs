namespace Portal.Platform.Web;

/// <summary>
/// A module's item in the top bar beside the user menu (e.g. the notifications bell): a partial view rendered for
/// every signed-in user. The shell knows no module, so each registers its own.
/// </summary>
public sealed record TopBarWidget(string Partial, int Order = 0);

public static class TopBarWidgetExtensions
{
    public static IServiceCollection AddTopBarWidget(this IServiceCollection services, TopBarWidget widget) => services.AddSingleton(widget);
}
