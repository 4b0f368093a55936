using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Platform.Api;

/// <summary>
/// Bearer authentication for /api/v1 in exactly the order of the seed's API flowchart (api.md §3.3):
/// missing_token → invalid_token_format → token_expired_or_invalid → user_not_found_or_inactive → stamp changed.
/// The session cookie is never consulted here.
/// </summary>
public sealed class ApiBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens, PortalDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiBearer";
    public const string TokenIdClaim = "portal:jti";
    private const string FailureItem = "api-auth-failure";

    public static readonly (string Code, string Message) MissingToken = ("missing_token", "No token");
    public static readonly (string Code, string Message) InvalidFormat = ("invalid_token_format", "Invalid token format");
    public static readonly (string Code, string Message) ExpiredOrInvalid = ("token_expired_or_invalid", "Token expired/invalid");
    public static readonly (string Code, string Message) UserInactive = ("user_not_found_or_inactive", "User not found/inactive");

    private static readonly PerModel<Func<PortalDb, long, string, Task<UserState?>>> LoadUser = new(() => EF.CompileAsyncQuery(
        (PortalDb ctx, long id, string jti) => ctx.Users.Where(u => u.Id == id)
            .Select(u => new UserState(u.IsActive, u.SecurityStamp, u.FullName, u.Email, u.Username, ctx.RevokedTokens.Any(t => t.Jti == jti)))
            .FirstOrDefault()));

    private sealed record UserState(bool IsActive, string SecurityStamp, string FullName, string Email, string Username, bool Revoked);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("Authorization", out var values) || values.Count == 0) return Fail(MissingToken);
        var header = values.Count == 1 ? values[0] ?? "" : "";
        if (header.Length < 8 || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Fail(InvalidFormat);
        var token = header[7..];
        // Only HTTP whitespace separates: other odd characters (non-ASCII bytes decoded as Latin-1, e.g. 0xA0) belong
        // to an undecodable token, which is row 3, not row 2 (api.md §3.3).
        if (token.Length == 0 || token.AsSpan().IndexOfAny(' ', '\t') >= 0) return Fail(InvalidFormat);

        var claims = await tokens.ValidateAsync(token);
        if (claims is null) return Fail(ExpiredOrInvalid);
        // Opened here and left open until the request's context goes back to the pool: the endpoint's own queries then
        // reuse it instead of opening and closing a pooled connection around each one.
        await db.Database.OpenConnectionAsync(Context.RequestAborted);
        var user = await LoadUser.For(db)(db, claims.UserId, claims.Jti);
        if (user is null)
            return await db.RevokedTokens.AnyAsync(t => t.Jti == claims.Jti) ? Fail(ExpiredOrInvalid) : Fail(UserInactive);
        if (user.Revoked) return Fail(ExpiredOrInvalid);
        if (!user.IsActive) return Fail(UserInactive);
        if (TokenService.StampHash(user.SecurityStamp) != claims.StampHash) return Fail(ExpiredOrInvalid);

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, claims.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.FullName),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(TokenIdClaim, claims.Jti),
            new Claim(PortalClaims.AuthMethod, "api"),
        ], SchemeName);
        Context.Items[TokenClaimsItem] = claims;
        new ApiUser(claims.UserId, user.Email, user.Username, user.FullName).Attach(Context);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public const string TokenClaimsItem = "api-token";

    private AuthenticateResult Fail((string Code, string Message) failure)
    {
        Context.Items[FailureItem] = failure;
        return AuthenticateResult.Fail(failure.Code);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, message) = Context.Items[FailureItem] as (string, string)? ?? MissingToken;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.Problem(Context, StatusCodes.Status401Unauthorized, code, message).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.Forbidden(Context).ExecuteAsync(Context);
}
