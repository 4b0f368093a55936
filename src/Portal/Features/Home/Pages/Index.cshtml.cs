using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Web;

namespace Portal.Features.Home.Pages;

public sealed class IndexModel(StartPages startPages, CurrentUser currentUser) : PageModel
{
    public async Task<IActionResult> OnGetAsync() => Redirect(await startPages.ResolveAsync(currentUser.Id));
}
