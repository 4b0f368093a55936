using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Features.Account.Google;

/// <summary>What the callback leads to: 404, the /login page with a message, or the signed-in destination.</summary>
public sealed record GoogleCallbackResult(bool NotConfigured = false, string? Message = null, string? ReturnUrl = null, string? RedirectTo = null);

/// <summary>
/// Google sign-in (identity.md §6): authorization-code flow with PKCE (S256), <c>state</c> and <c>nonce</c>, scopes
/// <c>openid email profile</c>, no offline access, no token stored. Written here rather than with the ASP.NET Google
/// handler because client id, secret and domains are database settings that change at run time.
/// </summary>
public sealed class GoogleSignIn(
    SettingsService settingsService, GoogleProvider provider, GoogleFlowCookie flowCookie, GoogleTokenClient tokens,
    GoogleIdTokenValidator validator, GoogleAccounts accounts, LoginService login, IConfiguration configuration, ILogger<GoogleSignIn> logger)
{
    public const string FailedMessage = "Não foi possível entrar com o Google. Tente novamente.";
    public const string DomainMessage = "Esta conta Google não pertence a um domínio autorizado.";
    public const string NotRegisteredMessage = "Sua conta Google não está cadastrada no portal. Procure o administrador.";
    public const string CallbackPath = "/google/callback";

    public async Task<bool> IsConfiguredAsync() => (await settingsService.GetAsync()).GoogleConfigured;

    /// <summary>Remembers state, nonce and PKCE verifier in the flow cookie; returns the authorization request address.</summary>
    public async Task<string?> StartAsync(HttpContext http, string? returnUrl)
    {
        var settings = await settingsService.GetAsync(http.RequestAborted);
        if (!settings.GoogleConfigured) return null;
        var flow = new GoogleFlow(RandomValue(), RandomValue(), RandomValue(), SafeReturnUrl(returnUrl));
        flowCookie.Write(http, flow);
        return QueryHelpers.AddQueryString(provider.AuthorizationEndpoint.ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = settings.GoogleClientId,
            ["redirect_uri"] = RedirectUri(http.Request),
            ["response_type"] = "code",
            ["scope"] = GoogleProvider.Scopes,
            ["state"] = flow.State,
            ["nonce"] = flow.Nonce,
            ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(flow.CodeVerifier))),
            ["code_challenge_method"] = "S256",
            ["prompt"] = "select_account",
        });
    }

    public async Task<GoogleCallbackResult> CallbackAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var settings = await settingsService.GetAsync(ct);
        if (!settings.GoogleConfigured) return new GoogleCallbackResult(NotConfigured: true);

        // Step 1: anything wrong with the protocol gets one generic text; the reason goes to the log only.
        var flow = flowCookie.Take(http);
        var query = http.Request.Query;
        if (flow is null) return Failed(null, "fluxo ausente ou expirado");
        if (query["state"] is not [{ } state] || !GoogleIdTokenValidator.FixedTimeEquals(state, flow.State)) return Failed(flow, "state divergente");
        if (query["error"] is [{ } error]) return Failed(flow, "o Google retornou " + (error.Length > 60 ? error[..60] : error));
        if (query["code"] is not [{ Length: > 0 } code]) return Failed(flow, "código ausente");
        var clientId = settings.GoogleClientId!;
        if (settingsService.RevealSecret(settings, SettingKeys.GoogleClientSecret) is not { } secret)
        {
            logger.LogError("Segredo do cliente Google ilegível (chaves de proteção trocadas?)");
            return Failed(flow, "segredo ilegível");
        }
        var idToken = await tokens.ExchangeAsync(code, flow.CodeVerifier, clientId, secret, RedirectUri(http.Request), ct);
        if (idToken is null) return Failed(flow, "troca do código falhou");
        var validation = await validator.ValidateAsync(idToken, clientId, flow.Nonce, ct);
        if (validation.Identity is not { } identity) return Failed(flow, "ID token inválido: " + validation.Problem);

        var result = await accounts.ResolveAsync(identity, settings, ct);
        switch (result.Outcome)
        {
            case GoogleSignInOutcome.Success:
                await login.CompleteAsync(http, result.User!, remember: false, "google");
                return new GoogleCallbackResult(RedirectTo: flow.ReturnUrl ?? "/");
            case GoogleSignInOutcome.DomainNotAllowed:
                return new GoogleCallbackResult(Message: DomainMessage, ReturnUrl: flow.ReturnUrl);
            case GoogleSignInOutcome.NotRegistered:
                return new GoogleCallbackResult(Message: NotRegisteredMessage, ReturnUrl: flow.ReturnUrl);
            case GoogleSignInOutcome.Inactive:
                return new GoogleCallbackResult(Message: LoginService.InactiveMessage, ReturnUrl: flow.ReturnUrl);
            default:
                return new GoogleCallbackResult(Message: FailedMessage, ReturnUrl: flow.ReturnUrl);
        }
    }

    private GoogleCallbackResult Failed(GoogleFlow? flow, string reason)
    {
        logger.LogWarning("Login com Google recusado: {Reason}", reason);
        return new GoogleCallbackResult(Message: FailedMessage, ReturnUrl: flow?.ReturnUrl);
    }

    /// <summary>Must be identical in the authorization request and the code exchange, and registered at Google.</summary>
    private string RedirectUri(HttpRequest request) =>
        (configuration["Portal:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}")
        + CallbackPath;

    public static string? SafeReturnUrl(string? url) =>
        Validators.IsLocalPath(url) && url!.Length <= 2000
        && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase) && !url.StartsWith(CallbackPath, StringComparison.OrdinalIgnoreCase)
            ? url
            : null;

    private static string RandomValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
