using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Views;
using Portal.Platform.Web;

namespace Portal.Features.Clients.Pages;

/// <summary>/clientes (clients.md §8): server-side paging, filters in the URL, sort, saved views.</summary>
[RequirePermission(ClientPermissions.View)]
public sealed class ClientsModel(PortalDb db, CurrentUser currentUser, SavedViewHandlers savedViews, StampedCache cache) : PageModel
{
    public static readonly int[] PageSizes = [20, 50, 100];
    public static readonly SavedViewList ViewList = new("clients.list", "/clientes", ClientPermissions.Edit);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "regime")] public List<TaxRegime> Regimes { get; set; } = [];
    /// <summary>matriz (default, also shows CPF clients), filial or todos.</summary>
    [BindProperty(SupportsGet = true, Name = "tipo")] public string? Establishment { get; set; }
    [BindProperty(SupportsGet = true, Name = "inativos")] public bool ShowInactive { get; set; }
    [BindProperty(SupportsGet = true, Name = "ordem")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "tamanho")] public int? Size { get; set; }

    public IReadOnlyList<ClientRow> Rows { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public SavedViewsPanel SavedViews { get; private set; } = null!;
    public bool CanCreate { get; private set; }
    public ClientSort SortOrder => ClientSearch.ParseSort(Sort);
    public string EstablishmentKey => Establishment is "filial" or "todos" ? Establishment : "matriz";
    public bool HasFilters => !string.IsNullOrWhiteSpace(Text) || Regimes.Count > 0 || EstablishmentKey != "matriz" || ShowInactive;

    public async Task<IActionResult> OnGetAsync()
    {
        SavedViews = await savedViews.PanelAsync(this, ViewList);
        if (await savedViews.ApplyDefaultAsync(this, SavedViews) is { } toDefault) return toDefault;
        CanCreate = await currentUser.HasAsync(ClientPermissions.Create);

        var filter = new ClientFilter(Text, Regimes,
            EstablishmentKey switch { "filial" => EstablishmentType.Filial, "todos" => null, _ => EstablishmentType.Matriz },
            Active: ShowInactive ? null : true, Sort: SortOrder);
        var size = PageSizes.Contains(Size ?? 0) ? Size!.Value : PageSizes[0];
        // "page" is also Razor Pages' own route value, so model binding would never see the query string's.
        var requested = PageInfo.Clamp(int.TryParse(Request.Query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1);
        var key = $"list:{Text}|{string.Join(',', Regimes)}|{EstablishmentKey}|{ShowInactive}|{SortOrder}|{size}|{requested}";
        var (page, total, rows) = await cache.GetOrCreateAsync(ClientDetails.Tables.Name, key, ClientDetails.CacheLifetime, async () =>
        {
            var query = db.Clients().AsNoTracking().Where(filter);
            var total = await query.CountAsync();
            var page = Math.Min(requested, Math.Max(1, (total + size - 1) / size));
            return new ListRead(page, total, await query.OrderBy(SortOrder).Skip((page - 1) * size).Take(size).ToRows().ToListAsync());
        });
        Paging = new PageInfo(page, size, total, Request);
        Rows = rows;
        return Page();
    }

    private sealed record ListRead(int Page, int Total, IReadOnlyList<ClientRow> Rows);

    /// <summary>Header link that sorts by <paramref name="column"/>, toggling the direction when already sorted by it.</summary>
    public string SortLink(string column)
    {
        var current = ClientSearch.SortKey(SortOrder);
        var next = current == column ? "-" + column : column;
        var query = Request.Query.Where(q => q.Key is not ("ordem" or "page" or "view"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        query.Add(new("ordem", next));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/clientes", query);
    }

    public string? SortIndicator(string column) => ClientSearch.SortKey(SortOrder) switch
    {
        var k when k == column => "bi-sort-up",
        var k when k == "-" + column => "bi-sort-down",
        _ => null,
    };

    public Task<IActionResult> OnPostSaveViewAsync() => savedViews.SaveAsync(this, ViewList);

    public Task<IActionResult> OnPostDeleteViewAsync() => savedViews.DeleteAsync(this, ViewList);

    public Task<IActionResult> OnPostDefaultViewAsync() => savedViews.MakeDefaultAsync(this, ViewList);

    public Task<IActionResult> OnPostResetViewAsync() => savedViews.ResetAsync(this, ViewList);
}
