using Microsoft.EntityFrameworkCore;
using Portal.Platform.Api;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Features.Admin;

/// <summary>Users, sectors, roles and permissions under /api/v1 (identity.md §11, api.md §5).</summary>
public static class IdentityApi
{
    public static void MapIdentityApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Usuários");
        users.MapGet("", UsersApi.ListAsync)
            .WithSummary("Lista usuários com filtros e paginação.")
            .WithDescription("Com users.admin: todos os usuários e todos os campos. Só com tasks.access: usuários ativos, " +
                "apenas id, username e fullName. q busca em nome, e-mail e usuário; pageSize máximo 200.")
            .Produces<PagedResult<UserResponse>>().Errors(400, 403);
        users.MapGet("/{id:long}", UsersApi.GetAsync)
            .WithSummary("Um usuário; o cabeçalho ETag traz a versão para o If-Match de PATCH.")
            .Produces<UserResponse>().Errors(403, 404);
        users.MapPost("", UsersApi.CreateAsync).RequirePermission(Permissions.UsersAdmin)
            .WithSummary("Cria um usuário; a senha temporária, se informada, deve ser trocada no primeiro acesso.")
            .Produces<UserResponse>(StatusCodes.Status201Created).Errors(400, 403, 415);
        users.MapPatch("/{id:long}", UsersApi.UpdateAsync).RequirePermission(Permissions.UsersAdmin)
            .WithSummary("Altera só os campos enviados; exige If-Match (ou version no corpo).")
            .Accepts<UpdateUserRequest>("application/json")
            .Produces<UserResponse>().Errors(400, 403, 404, 412, 415, 428);

        var sectors = api.MapGroup("/sectors").WithTags("Setores");
        sectors.MapGet("", SectorsAsync)
            .WithSummary("Setores; quem não tem users.admin vê só os ativos.")
            .Produces<List<SectorResponse>>().Errors();
        sectors.MapGet("/{id:long}/members", MembersAsync).RequirePermission(Permissions.TasksAccess)
            .WithSummary("Membros ativos de um setor ativo.")
            .Produces<List<MemberResponse>>().Errors(403, 404);

        api.MapGet("/roles", RolesAsync).RequirePermission(Permissions.UsersAdmin).WithTags("Papéis e permissões")
            .WithSummary("Papéis com as permissões concedidas a cada um.")
            .Produces<List<RoleResponse>>().Errors(403);
        api.MapGet("/permissions", () => Results.Ok(Permissions.All)).RequirePermission(Permissions.UsersAdmin).WithTags("Papéis e permissões")
            .WithSummary("Catálogo de permissões com módulo e descrição.")
            .Produces<List<PermissionInfo>>().Errors(403);
    }

    /// <summary>Every endpoint here is bearer-authenticated and rate limited, so 401 and 429 always apply.</summary>
    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status429TooManyRequests))
            builder.Produces<ApiError>(status);
        return builder;
    }

    private static async Task<IResult> SectorsAsync(PortalDb db, CurrentUser currentUser)
    {
        var all = await currentUser.HasAsync(Permissions.UsersAdmin);
        var sectors = await db.Sectors.AsNoTracking().Where(s => all || s.IsActive)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new SectorResponse(s.Id, s.Name, s.Color, s.HasTaskBoard, s.IsActive)).ToListAsync();
        return Results.Ok(sectors);
    }

    private static async Task<IResult> MembersAsync(long id, HttpContext http, PortalDb db)
    {
        // An inactive sector has no board and grants nothing (identity.md §9): for the API it does not exist.
        if (!await db.Sectors.AnyAsync(s => s.Id == id && s.IsActive)) return ApiErrors.NotFound(http);
        var kind = db.Database.IsSqlite() ? DatabaseKind.Sqlite : DatabaseKind.MySql;
        var members = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Sectors.Any(m => m.SectorId == id))
            .OrderForList(kind)
            .Select(u => new MemberResponse(u.Id, u.Username, u.FullName)).ToListAsync();
        return Results.Ok(members);
    }

    private static async Task<IResult> RolesAsync(PortalDb db)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.Description, r.IsAdministrator }).ToListAsync();
        var grants = await db.PermissionGrants.AsNoTracking().Where(g => g.RoleId != null)
            .Select(g => new { RoleId = g.RoleId!.Value, g.PermissionCode }).ToListAsync();
        // Administrador holds every permission implicitly, including later ones: list the whole catalog for it.
        var catalog = Permissions.All.Select(p => p.Code).ToList();
        return Results.Ok(roles.Select(r => new RoleResponse(r.Id, r.Name, r.Description, r.IsAdministrator,
            r.IsAdministrator ? catalog : grants.Where(g => g.RoleId == r.Id).Select(g => g.PermissionCode).Order(StringComparer.Ordinal).ToList())).ToList());
    }
}
