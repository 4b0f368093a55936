using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Settings;

namespace Portal.Features.Home.Pages;

public sealed class PrivacyModel(SettingsService settings) : PageModel
{
    public string? Text { get; private set; }

    public async Task OnGetAsync() => Text = (await settings.GetAsync()).PrivacyText;
}
