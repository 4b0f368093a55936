using Microsoft.AspNetCore.Authentication;
using Portal.Platform.Authorization;
using Portal.Platform.Identity;
using Portal.Platform.Settings;

namespace Portal.Platform.Api;

/// <summary>
/// Access rule of the API documentation (api.md §2): signed-in callers only, unless "Documentação da API pública" is on.
/// The endpoints are AllowAnonymous in metadata so the fallback policy and the fixed anonymous list stay simple; this
/// filter then answers like the fallback policy would (bearer 401 under /api/v1, redirect to /login elsewhere).
/// Also endpoint metadata: the OpenAPI document keeps the Bearer requirement on these operations.
/// </summary>
public sealed class ApiDocsGate(string scheme) : IEndpointFilter
{
    public static readonly ApiDocsGate Bearer = new(ApiBearerHandler.SchemeName);
    public static readonly ApiDocsGate Session = new(SessionAuthenticationHandler.SchemeName);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            var settings = await http.RequestServices.GetRequiredService<SettingsService>().GetAsync(http.RequestAborted);
            if (!settings.ApiDocsPublic) return Results.Challenge(new AuthenticationProperties(), [scheme]);
        }
        // Pages hold a user whose password must change on "Alterar senha" (identity.md §5.6); the docs page does too.
        else if (scheme == SessionAuthenticationHandler.SchemeName && http.User.HasClaim(c => c.Type == PortalClaims.MustChangePassword))
            return Results.Redirect("/perfil/senha");
        return await next(context);
    }
}
