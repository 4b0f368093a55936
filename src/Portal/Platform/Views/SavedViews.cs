using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Text;
using Portal.Platform.Time;
using Portal.Platform.Validation;

namespace Portal.Platform.Views;

/// <summary>
/// A list that supports saved views: its key, its address and the permission that lets a user share views with a role.
/// <paramref name="ActionPath"/> receives the POSTs when the list page itself must stay read-only (the audit log).
/// </summary>
public sealed record SavedViewList(string Key, string Path, string? ManagePermission, string? ActionPath = null)
{
    public string PostPath => ActionPath ?? Path;
}

/// <summary>A view as the current user sees it in the "Visualizações" menu.</summary>
public sealed record SavedViewItem(long Id, string Name, string Query, bool IsDefault, bool IsOwn, bool CanDelete, string? SharedWith);

public sealed record SaveViewInput(string? Name, string Query, bool IsDefault, long? ShareWithRoleId);

public sealed record SaveViewResult(SavedView? View, FieldErrors Errors);

/// <summary>
/// Saved views of lists (platform.md §8): personal views are preferences (not audited); views shared with a role are
/// created by holders of the list's manage permission and audited.
/// </summary>
public sealed class SavedViews(PortalDb db, CurrentUser currentUser, AuditLog audit, StampedCache cache)
{
    /// <summary>Lists are read on every view of a list page; any write to these tables refreshes them (ADR-015).</summary>
    public static readonly ChangeGroup Tables = new("views", ["SavedViews", "Roles", "Sectors"]);
    private static readonly TimeSpan ListLifetime = TimeSpan.FromSeconds(2);

    public const int NameMax = 60;
    public const int MaxPerList = 50;
    public const int QueryMax = 2000;
    public const string NameField = "viewName";
    public const string DuplicateName = "Já existe uma visualização com este nome.";
    public const string TooMany = "Limite de 50 visualizações nesta lista atingido. Exclua uma antes de salvar outra.";
    public const string QueryTooLong = "Filtros longos demais para salvar como visualização.";
    public const string UnknownRole = "Papel não encontrado.";

    /// <summary>Query values that describe where the user is, not what they filter: never part of a view.</summary>
    private static readonly HashSet<string> TransientKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "page", "handler", "view", "__RequestVerificationToken",
    };

    /// <summary>The list's filters from a query string: transient keys and empty values dropped, order kept.</summary>
    public static string CleanQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var builder = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (TransientKeys.Contains(key)) continue;
            foreach (var value in values)
                if (!string.IsNullOrEmpty(value)) builder.Add(key, value);
        }
        var text = builder.ToQueryString().Value ?? "";
        return text.TrimStart('?');
    }

    public async Task<bool> CanShareAsync(SavedViewList list) =>
        list.ManagePermission is { } code && await currentUser.HasAsync(code);

    /// <summary>Own views, then views shared with one of the user's roles or active sectors (every shared view for managers).</summary>
    public async Task<IReadOnlyList<SavedViewItem>> ListAsync(SavedViewList list)
    {
        var me = currentUser.Id;
        var canManage = await CanShareAsync(list);
        var (roleIds, sectorIds) = await AudienceAsync();
        var key = $"{me}:{list.Key}:{canManage}:{string.Join(',', roleIds)}:{string.Join(',', sectorIds)}";
        return await cache.GetOrCreateAsync(Tables.Name, key, ListLifetime, () => ReadAsync(list, me, canManage, roleIds, sectorIds));
    }

    private async Task<IReadOnlyList<SavedViewItem>> ReadAsync(SavedViewList list, long me, bool canManage, List<long?> roleIds, List<long?> sectorIds)
    {
        var views = await db.SavedViews.AsNoTracking()
            .Where(v => v.ListKey == list.Key && (v.OwnerUserId == me || (v.OwnerUserId == null && (canManage
                || roleIds.Contains(v.SharedWithRoleId) || sectorIds.Contains(v.SharedWithSectorId)))))
            .ToListAsync();
        var shared = views.Any(v => v.OwnerUserId != me);
        var roleNames = shared ? await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name) : [];
        var sectorNames = shared ? await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name) : [];
        string? SharedWith(SavedView v) =>
            v.SharedWithRoleId is long r ? "Papel " + roleNames.GetValueOrDefault(r, "?")
            : v.SharedWithSectorId is long s ? "Setor " + sectorNames.GetValueOrDefault(s, "?") : null;

        var byName = StringComparer.Create(Culture.PtBr, ignoreCase: true);
        return views
            .OrderBy(v => v.OwnerUserId == me ? 0 : 1).ThenBy(v => v.Name, byName)
            .Select(v => new SavedViewItem(v.Id, v.Name, v.Query, v.IsDefault, v.OwnerUserId == me,
                v.OwnerUserId == me || canManage, SharedWith(v)))
            .ToList();
    }

    /// <summary>Saves a personal view, or (when <c>ShareWithRoleId</c> is set — callers check the permission) a role's view.</summary>
    public async Task<SaveViewResult> SaveAsync(SavedViewList list, SaveViewInput input)
    {
        var errors = new FieldErrors();
        var name = Validators.Text(errors, NameField, input.Name, NameMax);
        if (input.Query.Length > QueryMax) errors.Add("", QueryTooLong);
        string? roleName = null;
        if (input.ShareWithRoleId is long roleId)
        {
            roleName = await db.Roles.Where(r => r.Id == roleId).Select(r => r.Name).FirstOrDefaultAsync();
            if (roleName is null) errors.Add("viewRole", UnknownRole);
        }
        if (!errors.IsValid) return new SaveViewResult(null, errors);

        var scope = Scope(list.Key, input.ShareWithRoleId);
        var names = await scope.Select(v => v.Name).ToListAsync();
        // Compared in memory so "Fiscal" and "fiscal " clash on SQLite as they do on MariaDB's collation.
        if (names.Any(n => TextNormalizer.Key(n) == TextNormalizer.Key(name))) errors.Add(NameField, DuplicateName);
        else if (names.Count >= MaxPerList) errors.Add(NameField, TooMany);
        if (!errors.IsValid) return new SaveViewResult(null, errors);

        if (input.IsDefault) await ClearDefaultsAsync(scope);
        var view = new SavedView
        {
            Name = name!,
            ListKey = list.Key,
            Query = input.Query,
            IsDefault = input.IsDefault,
            OwnerUserId = input.ShareWithRoleId is null ? currentUser.Id : null,
            SharedWithRoleId = input.ShareWithRoleId,
        };
        db.SavedViews.Add(view);
        if (view.SharedWithRoleId is null)
        {
            await db.SaveChangesAsync();
            return new SaveViewResult(view, errors);
        }
        await AuditedInsert.SaveAsync(db, () => audit.Record("create", nameof(SavedView), view.Id, view.Name,
            $"Visualização {view.Name} compartilhada com o papel {roleName}", Describe(view, roleName)));
        return new SaveViewResult(view, errors);
    }

    /// <summary>Deletes an own view, or a shared one for managers; false when the user may not (or it does not exist).</summary>
    public async Task<bool> DeleteAsync(SavedViewList list, long id)
    {
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id && v.ListKey == list.Key);
        if (view is null) return false;
        if (view.OwnerUserId == currentUser.Id)
        {
            db.SavedViews.Remove(view);
            await db.SaveChangesAsync();
            return true;
        }
        if (view.OwnerUserId is not null || !await CanShareAsync(list)) return false;
        var roleName = view.SharedWithRoleId is long r ? await db.Roles.Where(x => x.Id == r).Select(x => x.Name).FirstOrDefaultAsync() : null;
        db.SavedViews.Remove(view);
        audit.Record("delete", nameof(SavedView), view.Id, view.Name, $"Visualização compartilhada {view.Name} excluída",
            Describe(view, roleName).Select(c => new AuditChange(c.Field, c.New, null)).ToList());
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Makes an own view the user's default for the list; false when it is not theirs.</summary>
    public async Task<bool> SetDefaultAsync(SavedViewList list, long id)
    {
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id && v.ListKey == list.Key && v.OwnerUserId == currentUser.Id);
        if (view is null) return false;
        await ClearDefaultsAsync(Scope(list.Key, null).Where(v => v.Id != id));
        view.IsDefault = true;
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>"Restaurar padrão": the user no longer has a default view of their own for the list.</summary>
    public async Task ResetDefaultAsync(SavedViewList list)
    {
        await ClearDefaultsAsync(Scope(list.Key, null));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The view that applies when the list is opened without filters: the user's default; else a default shared with
    /// one of their roles (by role order), else with one of their active sectors; else null (the module default).
    /// </summary>
    public async Task<SavedView?> ResolveDefaultAsync(string listKey)
    {
        var me = currentUser.Id;
        var own = await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.ListKey == listKey && v.OwnerUserId == me && v.IsDefault);
        if (own is not null) return own;

        var byRole = await (from v in db.SavedViews.AsNoTracking()
                            join m in db.UserRoles on v.SharedWithRoleId equals m.RoleId
                            where v.ListKey == listKey && v.OwnerUserId == null && v.IsDefault && m.UserId == me
                            orderby m.Role.SortOrder, m.Role.Name, v.Id
                            select v).FirstOrDefaultAsync();
        if (byRole is not null) return byRole;

        return await (from v in db.SavedViews.AsNoTracking()
                      join m in db.SectorMemberships on v.SharedWithSectorId equals m.SectorId
                      where v.ListKey == listKey && v.OwnerUserId == null && v.IsDefault && m.UserId == me && m.Sector.IsActive
                      orderby m.Sector.SortOrder, m.Sector.Name, v.Id
                      select v).FirstOrDefaultAsync();
    }

    public async Task<string?> ResolveDefaultQueryAsync(string listKey) => (await ResolveDefaultAsync(listKey))?.Query;

    /// <summary>Where names are unique, the limit counts and one default exists: the user's own views, or a role's.</summary>
    private IQueryable<SavedView> Scope(string listKey, long? roleId)
    {
        var me = currentUser.Id;
        return roleId is long r
            ? db.SavedViews.Where(v => v.ListKey == listKey && v.OwnerUserId == null && v.SharedWithRoleId == r)
            : db.SavedViews.Where(v => v.ListKey == listKey && v.OwnerUserId == me);
    }

    private static async Task ClearDefaultsAsync(IQueryable<SavedView> scope)
    {
        foreach (var previous in await scope.Where(v => v.IsDefault).ToListAsync()) previous.IsDefault = false;
    }

    private async Task<(List<long?> Roles, List<long?> Sectors)> AudienceAsync()
    {
        var access = await currentUser.GetAccessAsync();
        return (access.RoleIds.Select(id => (long?)id).ToList(), access.SectorIds.Select(id => (long?)id).ToList());
    }

    private static List<AuditChange> Describe(SavedView view, string? roleName) =>
    [
        new("Lista", null, view.ListKey),
        new("Nome", null, view.Name),
        new("Filtros", null, view.Query.Length == 0 ? "(nenhum)" : view.Query),
        new("Compartilhada com", null, "Papel " + roleName),
        new("Padrão do papel", null, view.IsDefault ? "sim" : "não"),
    ];
}
