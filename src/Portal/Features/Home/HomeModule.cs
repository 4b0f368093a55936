using Portal.Platform.Web;

namespace Portal.Features.Home;

/// <summary>"/" (start page), Início, error pages and the privacy page (platform.md §9–10).</summary>
public static class HomeModule
{
    public static void AddHome(this WebApplicationBuilder builder) =>
        builder.Services.AddMenuItem(new MenuItem("Geral", "Início", "bi-house", StartPages.Home, null, Order: 0));
}
