using Microsoft.EntityFrameworkCore;
using Portal.Platform.Api;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Security;
using Portal.Platform.Validation;

namespace Portal.Features.Account;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record IdName(long Id, string Name);

public sealed record MeResponse(long Id, string Email, string Username, string FullName, IReadOnlyList<IdName> Sectors,
    IReadOnlyList<IdName> Roles, IReadOnlyList<string> Permissions);

public sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("user")] MeResponse User);

public sealed record SessionResponse(string Id, DateTime CreatedAt, DateTime LastSeenAt, string? IpAddress, string? UserAgent, string AuthMethod, bool IsPersistent);

/// <summary>Authentication and "me" endpoints of api.md §3 and identity.md §11 (the seed's API flowchart §5).</summary>
public static class AuthApi
{
    public const int LoginPerIpPerMinute = 10;

    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Autenticação");
        auth.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Troca e-mail e senha por um token Bearer válido por 24 h.")
            .DescribesJsonBody<LoginRequest>()
            .Produces<TokenResponse>()
            .ProducesError(StatusCodes.Status400BadRequest, "E-mail ou senha ausentes, ou JSON malformado (`validation_failed`).")
            .ProducesError(StatusCodes.Status401Unauthorized, "E-mail ou senha inválidos (`invalid_credentials`), conta desativada "
                + "(`account_disabled`) ou temporariamente bloqueada (`account_locked`, com `Retry-After`).")
            .ProducesError(StatusCodes.Status415UnsupportedMediaType, "Corpo que não é `application/json` (`unsupported_media_type`).")
            .ProducesError(StatusCodes.Status429TooManyRequests, $"Mais de {LoginPerIpPerMinute} tentativas por minuto deste IP "
                + "(`rate_limited`); veja o cabeçalho `Retry-After`.");
        auth.MapPost("/refresh", RefreshAsync).WithSummary("Emite um novo token e revoga o atual.")
            .Produces<TokenResponse>();
        auth.MapPost("/logout", LogoutAsync).WithSummary("Revoga o token atual.")
            .Produces(StatusCodes.Status204NoContent);

        // Mapped on the root group, not as "" under a /me group, so the route is /api/v1/me (no trailing slash).
        api.MapGet("/me", MeAsync).WithTags("Eu").WithSummary("Usuário do token, com setores, papéis e permissões efetivas.")
            .Produces<MeResponse>();
        var me = api.MapGroup("/me").WithTags("Eu");
        me.MapGet("/sessions", SessionsAsync).WithSummary("Sessões web ativas do usuário.")
            .Produces<List<SessionResponse>>();
        me.MapDelete("/sessions/{id}", EndSessionAsync).WithSummary("Encerra uma das sessões web do usuário.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status404NotFound, "Sessão inexistente, de outro usuário ou já encerrada (`not_found`).");
    }

    private static async Task<IResult> LoginAsync(HttpContext http, LoginService login, ApiTokens tokens,
        AttemptLimiter limiter, PortalDb db, PermissionService permissions)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "?";
        var limit = await limiter.HitAsync($"api-login-ip:{ip}", LoginPerIpPerMinute, TimeSpan.FromMinutes(1));
        if (!limit.Allowed)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(limit.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Problem(http, 429, "rate_limited", "Too many requests");
        }
        var (body, invalid) = await ReadLoginAsync(http);
        if (invalid is not null) return invalid;
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body?.Email)) errors.Add("email", Validators.Required);
        if (string.IsNullOrEmpty(body?.Password)) errors.Add("password", Validators.Required);
        if (!errors.IsValid) return ApiErrors.Validation(http, errors);

        var result = await login.VerifyAsync(body!.Email, body.Password, "api_login_failed");
        switch (result.Outcome)
        {
            case LoginOutcome.LockedOut:
                http.Response.Headers.RetryAfter = (result.LockoutMinutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiErrors.Problem(http, 401, "account_locked", "Account temporarily locked");
            case LoginOutcome.Inactive:
                return ApiErrors.Problem(http, 401, "account_disabled", "Account disabled");
            case LoginOutcome.InvalidCredentials:
                return ApiErrors.Problem(http, 401, "invalid_credentials", "Invalid credentials");
        }
        var issued = await tokens.IssueForLoginAsync(result.User!);
        return Results.Ok(await TokenResponseAsync(db, permissions, result.User!.Id, issued));
    }

    /// <summary>
    /// The body is read here rather than bound by the framework: a bound JSON body makes routing answer a wrong
    /// Content-Type with its own 415 endpoint, which is not anonymous, so a script posting a form to login would get
    /// "401 missing_token"; and malformed JSON must be the API's 400, not an exception.
    /// </summary>
    private static async Task<(LoginRequest? Body, IResult? Error)> ReadLoginAsync(HttpContext http)
    {
        if (http.Request.ContentLength == 0) return (null, null);
        if (!http.Request.HasJsonContentType())
            return (null, ApiErrors.Problem(http, 415, "unsupported_media_type", "Content-Type must be application/json"));
        try
        {
            return (await http.Request.ReadFromJsonAsync<LoginRequest>(http.RequestAborted), null);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, ApiErrors.Problem(http, 400, "validation_failed", "Malformed JSON body"));
        }
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, ApiTokens tokens, CurrentUser user, PortalDb db, PermissionService permissions)
    {
        var current = (TokenClaims)http.Items[ApiBearerHandler.TokenClaimsItem]!;
        var issued = await tokens.RefreshAsync(user.Id, current);
        if (issued is not null) return Results.Ok(await TokenResponseAsync(db, permissions, user.Id, issued));
        // Lost a race: the user was deactivated, or a concurrent refresh/logout revoked this token first.
        var (code, message) = await db.Users.AnyAsync(u => u.Id == user.Id && u.IsActive) ? ApiBearerHandler.ExpiredOrInvalid : ApiBearerHandler.UserInactive;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrors.Problem(http, 401, code, message);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, ApiTokens tokens)
    {
        await tokens.RevokeAsync((TokenClaims)http.Items[ApiBearerHandler.TokenClaimsItem]!);
        return Results.NoContent();
    }

    private static async Task<IResult> MeAsync(HttpContext http, CurrentUser user, PortalDb db, PermissionService permissions) =>
        await LoadMeAsync(db, permissions, user.Id, ApiUser.Of(http)) is { } me ? Results.Ok(me) : ApiErrors.NotFound(http);

    private static async Task<IResult> SessionsAsync(CurrentUser user, SessionService sessionService)
    {
        var sessions = await sessionService.ActiveSessions()
            .Where(s => s.UserId == user.Id)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionResponse(s.PublicId, s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent, s.AuthMethod, s.IsPersistent))
            .ToListAsync();
        return Results.Ok(sessions);
    }

    private static async Task<IResult> EndSessionAsync(string id, HttpContext http, CurrentUser user, PortalDb db, AuditLog audit, TimeProvider clock)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.PublicId == id && s.UserId == user.Id && s.RevokedAt == null);
        if (session is null) return ApiErrors.NotFound(http);
        // Revocation and its audit entry commit together.
        session.RevokedAt = clock.GetUtcNow().UtcDateTime;
        session.RevokedReason = SessionRevokeReasons.User;
        audit.Record("session_revoked", "UserSession", session.Id, null, "Sessão encerrada pela API");
        await db.SaveChangesAsync();
        return Results.NoContent();
    }

    private static async Task<TokenResponse> TokenResponseAsync(PortalDb db, PermissionService permissions, long userId, IssuedToken issued) =>
        new(issued.Token, "Bearer", (int)TokenService.Lifetime.TotalSeconds, (await LoadMeAsync(db, permissions, userId))!);

    private sealed record MeItem(bool IsRole, long Id, string Name, int SortOrder, bool IsAdministrator);

    private static readonly PerModel<Func<PortalDb, long, Task<ApiUser?>>> LoadUser = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId) => ctx.Users.Where(u => u.Id == userId)
            .Select(u => new ApiUser(u.Id, u.Email, u.Username, u.FullName)).FirstOrDefault()));

    // Sectors and roles in one flat UNION ALL, with the Administrador flag, so an administrator needs no permission
    // query at all. Sorted here: the lists are tiny, and the nested-join form EF generates for two collections took
    // SQLite ≈ 3 times as long to parse and plan on every call (GET /me is the API's most frequent call, bench/results.md).
    private static readonly PerModel<Func<PortalDb, long, IAsyncEnumerable<MeItem>>> LoadMeItems = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long userId) => ctx.SectorMemberships.Where(m => m.UserId == userId && m.Sector.IsActive)
            .Select(m => new { IsRole = false, Id = m.SectorId, m.Sector.Name, m.Sector.SortOrder, IsAdministrator = false })
            .Concat(ctx.UserRoles.Where(r => r.UserId == userId)
                .Select(r => new { IsRole = true, Id = r.RoleId, r.Role.Name, r.Role.SortOrder, r.Role.IsAdministrator }))
            .Select(i => new MeItem(i.IsRole, i.Id, i.Name, i.SortOrder, i.IsAdministrator))));

    /// <summary>
    /// "me" of identity.md §11 (also the "user" of the login answer). <paramref name="user"/> is the row the bearer
    /// check already read in this request (GET /me); without it (login, refresh) the row is read here.
    /// </summary>
    public static async Task<MeResponse?> LoadMeAsync(PortalDb db, PermissionService permissions, long userId, ApiUser? user = null)
    {
        user ??= await LoadUser.For(db)(db, userId);
        if (user is null) return null;
        var items = new List<MeItem>();
        await foreach (var item in LoadMeItems.For(db)(db, userId)) items.Add(item);
        var codes = items.Exists(i => i.IsAdministrator)
            ? AllCodes
            : (await permissions.LoadGrantedAsync(userId)).Codes.Order(StringComparer.Ordinal).ToList();
        return new MeResponse(user.Id, user.Email, user.Username, user.FullName, Ordered(items, isRole: false), Ordered(items, isRole: true), codes);
    }

    // An administrator has every permission of the catalog (code, not data), so its sorted list is built once.
    private static readonly IReadOnlyList<string> AllCodes = PermissionSet.Administrator.Codes.Order(StringComparer.Ordinal).ToArray();

    private static List<IdName> Ordered(List<MeItem> items, bool isRole) =>
        items.Where(i => i.IsRole == isRole).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => new IdName(i.Id, i.Name)).ToList();
}
