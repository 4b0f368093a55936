using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Platform.Authorization;

namespace Portal.Platform.Identity;

/// <summary>
/// Authenticates page requests from the server-side session row (not from a self-contained ticket), so revocation,
/// deactivation and password changes take effect on the very next request.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionService sessions, SessionCookie cookie)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PortalSession";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var raw = cookie.Read(Context);
        if (raw is null) return AuthenticateResult.NoResult();
        var session = await sessions.ValidateAsync(raw, Context.RequestAborted);
        if (session is null)
        {
            cookie.Delete(Context);
            return AuthenticateResult.NoResult();
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, session.FullName),
            new Claim(ClaimTypes.Email, session.Email),
            new Claim(PortalClaims.SessionId, session.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(PortalClaims.AuthMethod, session.AuthMethod),
        ], SchemeName);
        if (session.MustChangePassword) identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "1"));
        // Read with the session row already loaded, so the top bar's avatar costs no query of its own.
        if (session.PhotoFileId is Guid photo) identity.AddClaim(new Claim(PortalClaims.PhotoFileId, photo.ToString("N")));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var target = "/login";
        var path = Request.PathBase + Request.Path + Request.QueryString;
        if (HttpMethods.IsGet(Request.Method) && path != "/") target += "?returnUrl=" + Uri.EscapeDataString(path);
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx would swap the login page into a fragment; ask it to navigate instead.
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers["HX-Redirect"] = target;
        }
        else Response.Redirect(target);
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
