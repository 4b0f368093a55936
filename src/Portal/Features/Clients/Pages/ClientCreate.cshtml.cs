using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

/// <summary>/clientes/novo (clients.md §8). After saving, the department profiles page (or the record).</summary>
[RequirePermission(ClientPermissions.Create)]
public sealed class ClientCreateModel(PortalDb db, CurrentUser currentUser, ClientService clients) : ClientFormPageModel(db, currentUser)
{
    private readonly CurrentUser _currentUser = currentUser;

    public async Task OnGetAsync()
    {
        Input = new ClientInput { IsActive = true, TaxRegime = nameof(TaxRegime.SimplesNacional), EstablishmentType = nameof(EstablishmentType.Matriz) };
        await LoadOptionsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.IsActive = true;
        var result = await clients.CreateAsync(Input, await CanSeeDuplicatesAsync());
        if (!result.Succeeded)
        {
            ShowErrors(result.Errors!);
            await LoadOptionsAsync();
            return Page();
        }
        TempData.Toast("Cliente cadastrado.");
        return Redirect(await _currentUser.HasAsync(ClientPermissions.DepartmentsEdit)
            ? $"/clientes/{result.Client!.Id}/departamentos"
            : $"/clientes/{result.Client!.Id}");
    }
}
