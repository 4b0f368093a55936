using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Portal.Platform.Web;

namespace Portal.Features.Account.Google;

/// <summary>The two anonymous routes of Google sign-in (README §6.1); both answer 404 while it is not configured.</summary>
public static class GoogleEndpoints
{
    /// <summary>Read by the /login page.</summary>
    public const string LoginMessageKey = "login-message";

    public static void MapGoogleSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/login/google", StartAsync).AllowAnonymous();
        app.MapGet(GoogleSignIn.CallbackPath, CallbackAsync).AllowAnonymous();
    }

    private static async Task<IResult> StartAsync(HttpContext http, GoogleSignIn google, IAntiforgery antiforgery)
    {
        if (!await google.IsConfiguredAsync()) return Results.NotFound();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            // Same 403 page as Razor Pages' CSRF failures (identity.md §5 step 1).
            http.Items[CsrfFailureFilter.Item] = true;
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await google.StartAsync(http, form["ReturnUrl"]) is { } authorizationUrl ? Results.Redirect(authorizationUrl) : Results.NotFound();
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, GoogleSignIn google, ITempDataDictionaryFactory tempDataFactory)
    {
        var result = await google.CallbackAsync(http);
        if (result.NotConfigured) return Results.NotFound();
        if (result.Message is null) return Results.Redirect(result.RedirectTo ?? "/");
        var tempData = tempDataFactory.GetTempData(http);
        tempData[LoginMessageKey] = result.Message;
        tempData.Save();
        return Results.Redirect(result.ReturnUrl is null ? "/login" : "/login?ReturnUrl=" + Uri.EscapeDataString(result.ReturnUrl));
    }
}
