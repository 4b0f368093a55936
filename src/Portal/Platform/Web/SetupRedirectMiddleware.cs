using Portal.Platform.Authorization;
using Portal.Platform.Setup;

namespace Portal.Platform.Web;

/// <summary>
/// First run: every page except /login leads to /setup (operations.md §3.6). After login, a user whose password must
/// change is held on "Alterar senha" until they change it (identity.md §5.6).
/// </summary>
public sealed class SetupRedirectMiddleware(RequestDelegate next, SetupState setup)
{
    private static readonly string[] AlwaysOpen = ["/login", "/logout", "/setup", "/health", "/erro", "/lib", "/css", "/js", "/img", "/favicon.ico", "/api", "/.well-known/acme-challenge"];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (AlwaysOpen.Any(p => path.StartsWithSegments(p))) return next(context);
        if (setup.IsPending)
        {
            context.Response.Redirect("/setup");
            return Task.CompletedTask;
        }
        if (context.User.HasClaim(c => c.Type == PortalClaims.MustChangePassword) && !path.StartsWithSegments("/perfil/senha"))
        {
            context.Response.Redirect("/perfil/senha");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
