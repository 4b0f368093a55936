using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Admin.Pages;
using Portal.Platform.Api;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Validation;

namespace Portal.Features.Admin;

/// <summary>
/// /api/v1/users (identity.md §11). Writes go through <see cref="UserAccounts"/> and <see cref="AdministratorGate"/>,
/// the same rules and audit as /admin/usuarios, so the API never allows more than the pages.
/// </summary>
public static class UsersApi
{
    public const string AdministratorOnlyMessage = "Only members of the Administrador role may grant that role or change its members";

    /// <summary>users.admin sees everyone; tasks.access alone sees active colleagues by name only (to assign tasks).</summary>
    private enum Visibility { None, Directory, Full }

    private static async Task<Visibility> VisibilityAsync(CurrentUser currentUser)
    {
        var permissions = await currentUser.GetPermissionsAsync();
        return permissions.Has(Permissions.UsersAdmin) ? Visibility.Full
            : permissions.Has(Permissions.TasksAccess) ? Visibility.Directory
            : Visibility.None;
    }

    public static async Task<IResult> ListAsync(HttpContext http, PortalDb db, CurrentUser currentUser,
        string? q, long? sectorId, bool? active, int? page, int? pageSize)
    {
        var visibility = await VisibilityAsync(currentUser);
        if (visibility == Visibility.None) return ApiErrors.Forbidden(http);
        var full = visibility == Visibility.Full;
        var paging = PageRequest.From(page, pageSize);
        var kind = KindOf(db);

        var query = db.Users.AsNoTracking();
        if (!full) query = query.Where(u => u.IsActive);
        if (active is bool isActive) query = query.Where(u => u.IsActive == isActive);
        if (sectorId is long sector) query = query.Where(u => u.Sectors.Any(m => m.SectorId == sector));
        query = query.WhereText(kind, q, includeEmail: full);

        var total = await query.CountAsync();
        var slice = query.OrderForList(kind).Skip(paging.Skip).Take(paging.PageSize);
        var items = full
            ? await LoadFullAsync(db, slice)
            : await slice.Select(u => new UserResponse(u.Id, u.Username, u.FullName, null, null, null, null, null)).ToListAsync();
        return Results.Ok(new PagedResult<UserResponse>(items, paging.Page, paging.PageSize, total));
    }

    public static async Task<IResult> GetAsync(long id, HttpContext http, PortalDb db, CurrentUser currentUser)
    {
        var visibility = await VisibilityAsync(currentUser);
        if (visibility == Visibility.None) return ApiErrors.Forbidden(http);
        if (visibility == Visibility.Full)
        {
            var user = await LoadAsync(db, id);
            if (user is null) return ApiErrors.NotFound(http);
            ApiConcurrency.SetETag(http, user.Version!.Value);
            return Results.Ok(user);
        }
        // Inactive users do not exist for directory callers (api.md §2: no existence leak).
        var brief = await db.Users.AsNoTracking().Where(u => u.Id == id && u.IsActive)
            .Select(u => new { View = new UserResponse(u.Id, u.Username, u.FullName, null, null, null, null, null), u.Version })
            .FirstOrDefaultAsync();
        if (brief is null) return ApiErrors.NotFound(http);
        ApiConcurrency.SetETag(http, brief.Version);
        return Results.Ok(brief.View);
    }

    public static async Task<IResult> CreateAsync(CreateUserRequest? body, HttpContext http, PortalDb db, UserAccounts accounts, AdministratorGate gate)
    {
        body ??= new CreateUserRequest(null, null, null, null, null, null);
        var sectorIds = (body.SectorIds ?? []).Distinct().ToList();
        var roleIds = (body.RoleIds ?? []).Distinct().ToList();
        // UserAccounts.CreateAsync has no actor: the Administrador gate of identity.md §9 is applied here, as on the page.
        if (!await gate.MayGrantAsync(roleIds)) return ApiErrors.Forbidden(http, AdministratorOnlyMessage);
        if (await AddsInactiveSectorAsync(db, sectorIds, [])) return InactiveSector(http);

        var password = string.IsNullOrEmpty(body.TemporaryPassword) ? null : body.TemporaryPassword;
        var result = await accounts.CreateAsync(new UserInput(body.Email, body.Username, body.FullName, true, sectorIds, roleIds,
            password, MustChangePassword: password is not null), "Usuário criado pela API");
        if (!result.Succeeded) return ApiErrors.Validation(http, Rename(result.Errors, "Password", "TemporaryPassword"));

        var created = (await LoadAsync(db, result.User!.Id))!;
        ApiConcurrency.SetETag(http, created.Version!.Value);
        return Results.Created($"{ApiModule.Prefix}/users/{created.Id}", created);
    }

    public static async Task<IResult> UpdateAsync(long id, HttpContext http, PortalDb db, UserAccounts accounts, AdministratorGate gate)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Sectors).Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return ApiErrors.NotFound(http);
        if (await ReadJsonAsync(http) is not { } json) return InvalidBody(http);

        var errors = new FieldErrors();
        var patch = UserPatch.Parse(json, errors);
        if (!errors.IsValid) return ApiErrors.Validation(http, errors);
        if (!await gate.MayActOnAsync(id) || (patch.RoleIds is { } roles && !await gate.MayGrantAsync(roles)))
            return ApiErrors.Forbidden(http, AdministratorOnlyMessage);

        var expected = ApiConcurrency.ExpectedVersion(http, patch.Version);
        if (expected is null) return ApiErrors.PreconditionRequired(http);
        if (expected != user.Version) return await StaleAsync(http, db, id);
        var assigned = user.Sectors.Select(s => s.SectorId).ToList();
        if (patch.SectorIds is { } sectors && await AddsInactiveSectorAsync(db, sectors, assigned)) return InactiveSector(http);

        AccountResult result;
        try
        {
            result = await accounts.UpdateAsync(id, patch.MergeInto(user), expected.Value, await gate.ActorIsAdministratorAsync());
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and write: drop the rejected changes and their audit entry.
            db.ChangeTracker.Clear();
            return await StaleAsync(http, db, id);
        }
        if (result.User is null) return ApiErrors.NotFound(http);
        if (result.Forbidden) return ApiErrors.Forbidden(http, AdministratorOnlyMessage);
        // The last-administrator rule has no field of its own; point at the field whose change triggered it.
        if (!result.Succeeded) return ApiErrors.Validation(http, Rename(result.Errors, "", patch.IsActive == false ? "IsActive" : "RoleIds"));

        var updated = (await LoadAsync(db, id))!;
        ApiConcurrency.SetETag(http, updated.Version!.Value);
        return Results.Ok(updated);
    }

    /// <summary>The admin view of one user; null when it does not exist.</summary>
    public static async Task<UserResponse?> LoadAsync(PortalDb db, long id) =>
        (await LoadFullAsync(db, db.Users.AsNoTracking().Where(u => u.Id == id))).FirstOrDefault();

    /// <summary>Memberships are read in two small queries so paging stays a plain LIMIT on both providers.</summary>
    private static async Task<List<UserResponse>> LoadFullAsync(PortalDb db, IQueryable<User> users)
    {
        var rows = await users.Select(u => new { u.Id, u.Username, u.FullName, u.Email, u.IsActive, u.Version }).ToListAsync();
        var ids = rows.Select(u => u.Id).ToList();
        var sectors = await db.SectorMemberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).Select(m => new { m.UserId, m.SectorId }).ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId)).Select(r => new { r.UserId, r.RoleId }).ToListAsync();
        return rows.Select(u => new UserResponse(u.Id, u.Username, u.FullName, u.Email, u.IsActive,
            sectors.Where(s => s.UserId == u.Id).Select(s => s.SectorId).Order().ToList(),
            roles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).Order().ToList(),
            u.Version)).ToList();
    }

    private static async Task<IResult> StaleAsync(HttpContext http, PortalDb db, long id) =>
        await LoadAsync(db, id) is { } current ? ApiErrors.PreconditionFailed(http, current) : ApiErrors.NotFound(http);

    /// <summary>Inactive sectors may be kept but not newly assigned (same rule as the user form).</summary>
    private static Task<bool> AddsInactiveSectorAsync(PortalDb db, IReadOnlyCollection<long> sectorIds, IReadOnlyCollection<long> assigned)
    {
        var added = sectorIds.Except(assigned).ToList();
        return added.Count == 0 ? Task.FromResult(false) : db.Sectors.AnyAsync(s => added.Contains(s.Id) && !s.IsActive);
    }

    private static IResult InactiveSector(HttpContext http)
    {
        var errors = new FieldErrors();
        errors.Add("SectorIds", UserFormPageModel.InactiveSectorMessage);
        return ApiErrors.Validation(http, errors);
    }

    private static FieldErrors Rename(FieldErrors errors, string from, string to)
    {
        var renamed = new FieldErrors();
        foreach (var (field, messages) in errors)
            foreach (var message in messages) renamed.Add(string.Equals(field, from, StringComparison.OrdinalIgnoreCase) ? to : field, message);
        return renamed;
    }

    /// <summary>The PATCH body is read by hand because a typed one cannot tell an absent field from a null one.</summary>
    private static async Task<JsonElement?> ReadJsonAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType()) return null;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult InvalidBody(HttpContext http) => http.Request.HasJsonContentType()
        ? ApiErrors.Problem(http, 400, "validation_failed", "Request body is not valid JSON")
        : ApiErrors.Problem(http, 415, "unsupported_media_type", "Content-Type must be application/json");

    private static DatabaseKind KindOf(PortalDb db) => db.Database.IsSqlite() ? DatabaseKind.Sqlite : DatabaseKind.MySql;
}
