namespace Portal.Platform.Web;

/// <summary>
/// The top bar's quick search (platform.md §9), contributed by a module (the client registry): a GET form to
/// <see cref="Action"/> (Enter) that asks <see cref="SuggestUrl"/> for matches while typing (htmx). Shown only to
/// holders of <see cref="Permission"/>; the first registered one the user may use wins.
/// </summary>
public sealed record TopBarSearch(string Action, string SuggestUrl, string Label, string Placeholder, string Permission);

public static class TopBarSearchExtensions
{
    public static IServiceCollection AddTopBarSearch(this IServiceCollection services, TopBarSearch search) => services.AddSingleton(search);
}
