using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>One matrix column: a role or an active sector.</summary>
public sealed record MatrixColumn(Grantee Grantee, string? Color);

/// <summary>One toggleable cell; <see cref="OutOfBand"/> when it answers an htmx toggle.</summary>
public sealed record MatrixCell(string Code, MatrixColumn Column, bool Granted, bool OutOfBand = false)
{
    public string DomId => "cell-" + (Column.Grantee.IsRole ? "r" : "s") + Column.Grantee.Id + "-" + PermissionMatrixModel.DomKey(Code);

    public string ToggleUrl => QueryHelpers.AddQueryString("/admin/permissoes", new Dictionary<string, string?>
    {
        ["handler"] = "Toggle",
        ["code"] = Code,
        [Column.Grantee.IsRole ? "roleId" : "sectorId"] = Column.Grantee.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["grant"] = Granted ? "false" : "true",
    });

    public string ActionLabel => Granted ? $"Remover {Code} de {Column.Grantee.Label}" : $"Conceder {Code} a {Column.Grantee.Label}";
}

/// <summary>
/// "Permissões" (identity.md §10): permissions × roles and active sectors. Each toggle creates or removes one grant
/// and one audit entry (IDN-22). Works as plain forms without JavaScript; with htmx only the cell is replaced.
/// </summary>
[RequirePermission(Permissions.UsersAdmin)]
public sealed class PermissionMatrixModel(PortalDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "module")] public string? Module { get; set; }

    public IReadOnlyList<string> Modules { get; } = Permissions.All.Select(p => p.Module).Distinct().ToList();
    public IReadOnlyList<IGrouping<string, PermissionInfo>> Groups { get; private set; } = [];
    public IReadOnlyList<MatrixColumn> Columns { get; private set; } = [];
    public string AdministratorName { get; private set; } = "Administrador";
    private HashSet<(string Code, bool IsRole, long Id)> _granted = [];

    public MatrixCell Cell(string code, MatrixColumn column) =>
        new(code, column, _granted.Contains((code, column.Grantee.IsRole, column.Grantee.Id)));

    public static string DomKey(string code) => new(code.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    public async Task OnGetAsync()
    {
        if (Module is not null && !Modules.Contains(Module)) Module = null;
        Groups = Permissions.All.Where(p => Module is null || p.Module == Module).GroupBy(p => p.Module).ToList();
        AdministratorName = await db.Roles.Where(r => r.IsAdministrator).Select(r => r.Name).FirstOrDefaultAsync() ?? AdministratorName;
        var roles = await db.Roles.AsNoTracking().Where(r => !r.IsAdministrator).OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .Select(r => new { r.Id, r.Name }).ToListAsync();
        var sectors = await db.Sectors.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Color }).ToListAsync();
        Columns =
        [
            .. roles.Select(r => new MatrixColumn(new Grantee(true, r.Id, r.Name), null)),
            .. sectors.Select(s => new MatrixColumn(new Grantee(false, s.Id, s.Name), s.Color)),
        ];
        var grants = await db.PermissionGrants.AsNoTracking().Select(g => new { g.PermissionCode, g.RoleId, g.SectorId }).ToListAsync();
        _granted = grants.Select(g => (g.PermissionCode, g.RoleId is not null, g.RoleId ?? g.SectorId ?? 0)).ToHashSet();
    }

    /// <summary>Sets one cell to <paramref name="grant"/> (idempotent: a repeated click changes and audits nothing).</summary>
    public async Task<IActionResult> OnPostToggleAsync(string? code, long? roleId, long? sectorId, bool? grant)
    {
        if (code is null || !Permissions.IsKnown(code) || grant is null || roleId.HasValue == sectorId.HasValue) return BadRequest();
        Grantee grantee;
        string? color = null;
        if (roleId is long rid)
        {
            var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == rid);
            if (role is null) return NotFound();
            if (role.IsAdministrator) return BadRequest(); // holds everything implicitly; nothing to toggle
            grantee = Grantee.Of(role);
        }
        else
        {
            var sector = await db.Sectors.FirstOrDefaultAsync(s => s.Id == sectorId);
            if (sector is null) return NotFound();
            grantee = Grantee.Of(sector);
            color = sector.Color;
        }

        var existing = (await GrantChanges.CurrentAsync(db, grantee)).FirstOrDefault(g => g.PermissionCode == code);
        string message;
        if (grant.Value && existing is null)
        {
            GrantChanges.Add(db, audit, grantee, code);
            message = $"Permissão concedida: {code} → {grantee.Label}.";
        }
        else if (!grant.Value && existing is not null)
        {
            GrantChanges.Remove(db, audit, grantee, existing);
            message = $"Permissão removida: {code} → {grantee.Label}.";
        }
        else
        {
            message = grant.Value ? $"{grantee.Label} já tinha {code}." : $"{grantee.Label} não tinha {code}.";
        }
        // A role's grants are part of its edit form: bump its version so an open copy of that form conflicts.
        if (grantee.IsRole && db.ChangeTracker.HasChanges())
            db.Entry(await db.Roles.FirstAsync(r => r.Id == grantee.Id)).Property(r => r.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone else changed the same cell or role at this instant; the current state is shown again.
            db.ChangeTracker.Clear();
            var now = (await GrantChanges.CurrentAsync(db, grantee)).Any(g => g.PermissionCode == code);
            return Answer(code, grantee, color, now,
                "Não foi possível alterar: outra pessoa mudou esta permissão agora. Confira e tente novamente.", "danger", StatusCodes.Status409Conflict);
        }
        return Answer(code, grantee, color, grant.Value, message, "success", StatusCodes.Status200OK);
    }

    private IActionResult Answer(string code, Grantee grantee, string? color, bool granted, string message, string kind, int status)
    {
        if (Request.Headers["HX-Request"] != "true")
        {
            TempData.Toast(message, kind);
            var url = QueryHelpers.AddQueryString("/admin/permissoes", new Dictionary<string, string?> { ["module"] = Module }.Where(kv => kv.Value is not null));
            return Redirect(url + "#perm-" + DomKey(code));
        }
        // JSON's default escaping keeps the header ASCII-only (Kestrel refuses other header bytes).
        Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new { toast = new { message, kind } });
        Response.StatusCode = status;
        return Partial("_PermissionCell", new MatrixCell(code, new MatrixColumn(grantee, color), granted, OutOfBand: true));
    }
}
