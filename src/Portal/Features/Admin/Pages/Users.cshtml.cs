using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Time;
using Portal.Platform.Validation;
using Portal.Platform.Views;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

public sealed record SectorTag(string Name, string? Color, bool IsActive);

public sealed record UserRow(
    long Id, string FullName, string Email, string Username, bool IsActive, DateTime? LastLoginAt, bool IsAdministrator,
    IReadOnlyList<SectorTag> Sectors, IReadOnlyList<string> Roles, int ActiveSessions);

public sealed record FilterOption(long Id, string Name, bool IsActive = true);

/// <summary>"Administração › Usuários" (identity.md §10): paged list with filters in the URL, row actions.</summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class UsersModel(PortalDb db, SessionService sessions, AuditLog audit, CurrentUser currentUser, AdministratorGate gate, TimeProvider clock, SavedViewHandlers savedViews) : PageModel
{
    public const int PageSize = 50;
    public static readonly SavedViewList ViewList = new("admin.users", "/admin/usuarios", Permissions.UsersAdmin);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "inativos")] public bool ShowInactive { get; set; }
    [BindProperty(SupportsGet = true, Name = "setor")] public List<long> SectorIds { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "papel")] public long? RoleId { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];
    public IReadOnlyList<FilterOption> SectorOptions { get; private set; } = [];
    public IReadOnlyList<FilterOption> RoleOptions { get; private set; } = [];
    public PageInfo Paging { get; private set; } = null!;
    public SavedViewsPanel SavedViews { get; private set; } = null!;
    public bool ActorIsAdministrator { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool HasFilters => !string.IsNullOrWhiteSpace(Text) || ShowInactive || SectorIds.Count > 0 || RoleId is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        SavedViews = await savedViews.PanelAsync(this, ViewList);
        if (await savedViews.ApplyDefaultAsync(this, SavedViews) is { } toDefault) return toDefault;
        ActorIsAdministrator = await gate.ActorIsAdministratorAsync();
        SectorOptions = await db.Sectors.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new FilterOption(s.Id, s.Name, s.IsActive)).ToListAsync();
        RoleOptions = await db.Roles.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .Select(r => new FilterOption(r.Id, r.Name, true)).ToListAsync();

        var kind = db.Database.IsSqlite() ? DatabaseKind.Sqlite : DatabaseKind.MySql;
        var query = db.Users.AsNoTracking();
        if (!ShowInactive) query = query.Where(u => u.IsActive);
        if (SectorIds.Count > 0)
        {
            var sectorIds = SectorIds.Distinct().ToList();
            query = query.Where(u => u.Sectors.Any(m => sectorIds.Contains(m.SectorId)));
        }
        if (RoleId is long roleId) query = query.Where(u => u.Roles.Any(r => r.RoleId == roleId));
        query = query.WhereText(kind, Text);

        var total = await query.CountAsync();
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        // "page" is also Razor Pages' own route value, so model binding would never see the query string's.
        var requested = int.TryParse(Request.Query["page"], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1;
        var page = Math.Min(PageInfo.Clamp(requested), pageCount);
        Paging = new PageInfo(page, PageSize, total, Request);

        var users = await query.OrderForList(kind).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.FullName, u.Email, u.Username, u.IsActive, u.LastLoginAt }).ToListAsync();
        var ids = users.Select(u => u.Id).ToList();
        var sectors = await db.SectorMemberships.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .OrderBy(m => m.Sector.SortOrder).ThenBy(m => m.Sector.Name)
            .Select(m => new { m.UserId, Tag = new SectorTag(m.Sector.Name, m.Sector.Color, m.Sector.IsActive) }).ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId))
            .OrderBy(r => r.Role.SortOrder).ThenBy(r => r.Role.Name)
            .Select(r => new { r.UserId, r.Role.Name, r.Role.IsAdministrator }).ToListAsync();
        var sessionCounts = await sessions.ActiveSessions()
            .Where(s => ids.Contains(s.UserId))
            .GroupBy(s => s.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync();

        Rows = users.Select(u => new UserRow(
            u.Id, u.FullName, u.Email, u.Username, u.IsActive, u.LastLoginAt,
            roles.Any(r => r.UserId == u.Id && r.IsAdministrator),
            sectors.Where(s => s.UserId == u.Id).Select(s => s.Tag).ToList(),
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name).ToList(),
            sessionCounts.FirstOrDefault(s => s.UserId == u.Id)?.Count ?? 0)).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostSaveViewAsync() => savedViews.SaveAsync(this, ViewList);

    public Task<IActionResult> OnPostDeleteViewAsync() => savedViews.DeleteAsync(this, ViewList);

    public Task<IActionResult> OnPostDefaultViewAsync() => savedViews.MakeDefaultAsync(this, ViewList);

    public Task<IActionResult> OnPostResetViewAsync() => savedViews.ResetAsync(this, ViewList);

    /// <summary>"Encerrar sessões": every web session of the user ends; the acting session survives if it is theirs.</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync(long id, string? returnUrl)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        if (!await gate.MayActOnAsync(id)) return Forbid();
        var keep = id == currentUser.Id ? currentUser.SessionId : null;
        var active = await sessions.ActiveSessions().CountAsync(s => s.UserId == id && s.Id != keep);
        audit.Record("session_revoked", "User", user.Id, UserAccounts.Label(user), "Sessões encerradas pelo administrador",
            [new AuditChange("Sessões ativas", active.ToString(Culture.PtBr), "0")]);
        await db.SaveChangesAsync();
        var ended = await sessions.RevokeAllAsync(id, SessionRevokeReasons.Admin, keep);
        TempData.Toast(ended switch
        {
            0 => $"{user.FullName} não tinha sessões ativas.",
            1 => $"1 sessão de {user.FullName} encerrada.",
            _ => $"{ended} sessões de {user.FullName} encerradas.",
        });
        return Redirect(IsListUrl(returnUrl) ? returnUrl! : "/admin/usuarios");
    }

    private static bool IsListUrl(string? url) =>
        Validators.IsLocalPath(url) && (url == "/admin/usuarios" || url!.StartsWith("/admin/usuarios?", StringComparison.Ordinal));
}
