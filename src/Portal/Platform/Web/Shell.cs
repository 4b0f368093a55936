using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Portal.Platform.Authorization;
using Portal.Platform.Cli;
using Portal.Platform.Settings;

namespace Portal.Platform.Web;

public sealed record MenuGroup(string Area, IReadOnlyList<MenuItem> Items);

public sealed record ShellModel(
    string FirmName, string? LogoUrl, string BrandColor, string UserName, string? UserPhotoUrl, string UserInitials,
    IReadOnlyList<MenuGroup> Menu, string Version, TopBarSearch? Search = null, IReadOnlyList<TopBarWidget>? Widgets = null);

/// <summary>What the layout needs: branding, the permission-filtered menu and the signed-in user's name and photo.</summary>
public sealed class Shell(SettingsService settings, StartPages startPages, CurrentUser currentUser, IEnumerable<TopBarSearch> searches,
    IEnumerable<TopBarWidget> widgets)
{
    private static readonly string[] AreaOrder = ["Geral", "Tarefas", "Clientes", "Conhecimento", "Relatórios", "Administração"];

    public async Task<ShellModel> GetAsync()
    {
        var s = await settings.GetAsync();
        var items = currentUser.IsAuthenticated ? await startPages.MenuAsync() : [];
        var groups = items.GroupBy(i => i.Area)
            .OrderBy(g => Array.IndexOf(AreaOrder, g.Key) is var i && i < 0 ? int.MaxValue : i)
            .Select(g => new MenuGroup(g.Key, g.OrderBy(i => i.Order).ToList()))
            .ToList();
        var logo = s.LogoFileId is Guid id ? $"/marca/logo?v={id:N}" : null;
        var photo = currentUser.IsAuthenticated ? Avatars.PhotoUrl(currentUser.Id, currentUser.PhotoFileId) : null;
        TopBarSearch? search = null;
        if (currentUser.IsAuthenticated)
            foreach (var candidate in searches)
                if (await currentUser.HasAsync(candidate.Permission))
                {
                    search = candidate;
                    break;
                }
        return new ShellModel(s.FirmName, logo, s.PrimaryColor, currentUser.Name, photo, Avatars.Initials(currentUser.Name), groups, PortalCli.Version, search,
            currentUser.IsAuthenticated ? [.. widgets.OrderBy(w => w.Order)] : []);
    }
}

/// <summary>Success/error feedback that survives a redirect (Post/Redirect/Get), shown as a toast by the layout.</summary>
public static class Toasts
{
    private const string Key = "toast";

    public static void Toast(this ITempDataDictionary tempData, string message, string kind = "success") =>
        tempData[Key] = kind + "|" + message;

    public static (string Kind, string Message)? ReadToast(this ITempDataDictionary tempData) =>
        tempData[Key] is string value && value.IndexOf('|', StringComparison.Ordinal) is var i and > 0 ? (value[..i], value[(i + 1)..]) : null;
}
