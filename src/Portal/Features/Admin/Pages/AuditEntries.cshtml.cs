using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Time;
using Portal.Platform.Validation;
using Portal.Platform.Views;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

public sealed record AuditActorOption(long Id, string Name, bool IsActive);

/// <summary>
/// Audit log viewer (operations.md §7.2): filters, 50 per page newest first with the exact total, CSV export (itself
/// audited). Read-only by design: the log is append-only, so this page has no POST handler at all — its saved views
/// post to <see cref="AuditViewsModel"/>.
/// </summary>
[RequirePermission(Permissions.AuditView)]
[ReadOnlyPage]
public sealed class AuditEntriesModel(PortalDb db, AuditLog audit, CurrentUser currentUser, TimeProvider clock, SavedViewHandlers savedViews) : PageModel
{
    public const int PageSize = 50;
    public static readonly SavedViewList ViewList = new("admin.audit", "/admin/auditoria", Permissions.AuditView, AuditViewsModel.Path);

    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "actor")] public long? ActorId { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? ResourceType { get; set; }
    [BindProperty(SupportsGet = true, Name = "resource")] public string? Resource { get; set; }
    [BindProperty(SupportsGet = true, Name = "ip")] public string? Ip { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int CurrentPage { get; private set; } = 1;
    public bool CanSeeRestricted { get; private set; }
    public IReadOnlyList<AuditActorOption> Actors { get; private set; } = [];
    public IReadOnlyList<string> ActionCodes { get; private set; } = [];
    public IReadOnlyList<string> ResourceTypes { get; private set; } = [];
    public SavedViewsPanel SavedViews { get; private set; } = null!;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool HasFilters => Filter.Describe().Count > 0;

    private AuditFilter Filter => new(From, To, ActorId, ActionCode, ResourceType, Resource, Ip);

    public async Task<IActionResult> OnGetAsync()
    {
        SavedViews = await savedViews.PanelAsync(this, ViewList);
        if (await savedViews.ApplyDefaultAsync(this, SavedViews) is { } toDefault) return toDefault;
        CanSeeRestricted = await currentUser.HasAsync("diretoria.hr");
        var errors = new FieldErrors();
        var query = Filter.Apply(db.AuditEntries.AsNoTracking(), CanSeeRestricted, errors);
        ModelState.AddErrors(errors);
        Total = await query.CountAsync();
        // "page" is also a Razor Pages route value, so it is read from the query string itself.
        var requested = int.TryParse(Request.Query["page"], out var p) ? p : 1;
        CurrentPage = Math.Clamp(requested, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip((CurrentPage - 1) * PageSize).Take(PageSize).ToListAsync();
        Actors = await db.Users.AsNoTracking().OrderBy(u => u.FullName)
            .Select(u => new AuditActorOption(u.Id, u.FullName, u.IsActive)).ToListAsync();
        ActionCodes = (await db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync())
            .OrderBy(AuditLabels.Action, StringComparer.Create(Culture.PtBr, true)).ToList();
        ResourceTypes = (await db.AuditEntries.Where(a => a.ResourceType != null).Select(a => a.ResourceType!).Distinct().ToListAsync())
            .OrderBy(AuditLabels.ResourceType, StringComparer.Create(Culture.PtBr, true)).ToList();
        return Page();
    }

    /// <summary>"Exportar CSV": every row matching the filters, newest first; the export is audited before it starts.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var canSeeRestricted = await currentUser.HasAsync("diretoria.hr");
        var errors = new FieldErrors();
        var query = Filter.Apply(db.AuditEntries.AsNoTracking(), canSeeRestricted, errors);
        if (!errors.IsValid) return BadRequest();
        var count = await query.CountAsync();
        var entry = audit.Record("export", "AuditEntry", null, "Log de auditoria",
            $"Exportação CSV do log de auditoria ({count} {(count == 1 ? "registro" : "registros")})", Filter.Describe());
        await db.SaveChangesAsync();

        // Rows up to the export's own entry: the file is a consistent snapshot of what was counted above.
        var rows = query.Where(a => a.Id < entry.Id).OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).AsAsyncEnumerable();
        var fileName = $"auditoria-{SaoPaulo.FromUtc(Now):yyyyMMdd-HHmm}.csv";
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await AuditCsv.WriteAsync(Response.Body, rows, canSeeRestricted, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public string DetailLink(long id) => $"/admin/auditoria/{id}{Request.QueryString}";

    public string CsvLink()
    {
        var query = Request.Query.Where(q => q.Key is not "page" and not "handler").ToDictionary(q => q.Key, q => q.Value);
        query["handler"] = "Csv";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/auditoria", query);
    }
}
