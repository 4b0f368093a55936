using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

/// <summary>/clientes/{id}/editar: the create form plus the active flag and deactivation reason, with conflict detection.</summary>
[RequirePermission(ClientPermissions.Edit)]
public sealed class ClientEditModel(PortalDb db, CurrentUser currentUser, ClientService clients) : ClientFormPageModel(db, currentUser)
{
    public string ClientLabel { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Id = id;
        var client = await clients.LoadAsync(id);
        if (client is null) return NotFound();
        Input = ClientService.ToInput(client);
        Version = client.Version;
        ClientLabel = client.Label;
        await LoadOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Id = id;
        var result = await clients.UpdateAsync(id, Input, Version, await CanSeeDuplicatesAsync());
        switch (result.Outcome)
        {
            case ClientOutcome.NotFound:
                return NotFound();
            case ClientOutcome.Conflict:
                ShowConflict(result.Client!);
                break;
            case ClientOutcome.Invalid:
                ShowErrors(result.Errors!);
                break;
            default:
                TempData.Toast("Alterações salvas.");
                return Redirect($"/clientes/{id}");
        }
        ClientLabel = result.Client?.Label ?? "";
        await LoadOptionsAsync();
        return Page();
    }
}
