using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

/// <summary>The client record ("ficha", clients.md §8): data, partners, contacts, accesses, departments, history.</summary>
[RequirePermission(ClientPermissions.View)]
public sealed class ClientDetailModel(ClientDetails details, ClientService clients, ClientActivation activation, CurrentUser currentUser,
    StampedCache cache, TimeProvider clock, Portal.Platform.Contracts.IClientTasks tasks) : PageModel
{
    /// <summary>How many open tasks the record lists before "Ver todas".</summary>
    public const int OpenTasksShown = 10;

    public Client Client { get; private set; } = null!;
    public Client? Parent { get; private set; }
    public IReadOnlyList<(long Id, string Code, string Name, bool IsActive)> Filiais { get; private set; } = [];
    public IReadOnlyList<CredentialView> Credentials { get; private set; } = [];
    public IReadOnlyList<ProfileView> Profiles { get; private set; } = [];
    public OptionLabels Options { get; private set; } = new([]);
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    public PageInfo HistoryPaging { get; private set; } = null!;
    public PermissionSet Permissions { get; private set; } = PermissionSet.Empty;
    public Portal.Platform.Contracts.ClientOpenTasks OpenTasks { get; private set; } = Portal.Platform.Contracts.ClientOpenTasks.Hidden;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool Can(string code) => Permissions.Has(code);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Permissions = await currentUser.GetPermissionsAsync();
        var restricted = Can(ClientPermissions.DepartmentsRestrictedView);
        var page = int.TryParse(Request.Query["historico"], CultureInfo.InvariantCulture, out var h) ? Math.Max(1, h) : 1;
        var record = await cache.GetOrCreateAsync(ClientDetails.Tables.Name, $"record:{id}:{restricted}:{page}", ClientDetails.CacheLifetime,
            () => ReadAsync(id, restricted, page));
        if (record is not { Client: { } client }) return NotFound();
        (Client, Parent, Filiais, Credentials, Profiles, Options, History) =
            (client, record.Parent, record.Filiais, record.Credentials, record.Profiles, record.Options, record.History);
        HistoryPaging = new PageInfo(page, ClientDetails.HistoryPageSize, record.HistoryTotal, Request);
        // Read apart from the record: tasks change without touching the clients stamp (cached under the tasks one).
        if (tasks.IsAvailable) OpenTasks = await tasks.OpenAsync(id, OpenTasksShown, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Everything the record shows, read together; a missing client is cached too (as "not found").</summary>
    private async Task<RecordRead> ReadAsync(long id, bool restricted, int page)
    {
        if (await details.LoadAsync(id) is not { } client) return new RecordRead(null, null, [], [], [], new([]), [], 0);
        var (items, total) = await details.HistoryAsync(id, restricted, page);
        return new RecordRead(client, await details.ParentAsync(client.ParentClientId),
            client.EstablishmentType == EstablishmentType.Matriz ? await details.FiliaisAsync(id) : [],
            await details.CredentialsAsync(id), await details.ProfilesAsync(client, restricted), await details.OptionLabelsAsync(), items, total);
    }

    /// <summary>Shared between requests: the entities in it are untracked and never modified by the page.</summary>
    private sealed record RecordRead(Client? Client, Client? Parent, IReadOnlyList<(long Id, string Code, string Name, bool IsActive)> Filiais,
        IReadOnlyList<CredentialView> Credentials, IReadOnlyList<ProfileView> Profiles, OptionLabels Options,
        IReadOnlyList<HistoryItem> History, int HistoryTotal);

    /// <summary>htmx: deactivate (optional reason) or reactivate from the record; answers the status fragment.</summary>
    public async Task<IActionResult> OnPostActiveAsync(long id, bool active, string? reason)
    {
        if (!await currentUser.HasAsync(ClientPermissions.Edit)) return Forbid();
        var result = await activation.SetActiveAsync(id, active, reason);
        if (result.Outcome == ClientOutcome.NotFound) return NotFound();
        if (result.Outcome == ClientOutcome.Invalid)
        {
            Response.Headers["HX-Trigger"] = Toast(string.Join(" ", result.Errors!.Values.SelectMany(v => v)), "danger");
            return new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
        Client = result.Client!;
        Permissions = await currentUser.GetPermissionsAsync();
        Response.Headers["HX-Trigger"] = Toast(active ? "Cliente reativado." : "Cliente desativado.", "success");
        return Partial("_ClientStatus", this);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        if (!await currentUser.HasAsync(ClientPermissions.Delete)) return Forbid();
        var result = await clients.DeleteAsync(id, null);
        switch (result.Outcome)
        {
            case ClientOutcome.NotFound:
                return NotFound();
            case ClientOutcome.HasDependents:
                TempData.Toast(ClientService.HasDependentsMessage, "danger");
                return Redirect($"/clientes/{id}");
            default:
                TempData.Toast("Cliente excluído.");
                return Redirect("/clientes");
        }
    }

    private static string Toast(string message, string kind) =>
        System.Text.Json.JsonSerializer.Serialize(new { toast = new { message, kind } });
}
