using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Portal.Platform.Configuration;

namespace Portal.Features.Account.Google;

/// <summary>What the callback must match: the values sent with the authorization request.</summary>
public sealed record GoogleFlow(string State, string Nonce, string CodeVerifier, string? ReturnUrl);

/// <summary>
/// Carries <see cref="GoogleFlow"/> from "Entrar com Google" to the callback in the browser itself (no server state),
/// encrypted and time-limited by Data Protection. SameSite=Lax because the callback is a top-level navigation coming
/// from Google; read once, then deleted.
/// </summary>
public sealed class GoogleFlowCookie(IDataProtectionProvider protection, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Portal.Google.Flow.v1").ToTimeLimitedDataProtector();
    private readonly bool _secure = configuration.GetTlsMode(environment) != TlsMode.None;

    public string Name => _secure ? "__Host-portal_google" : "portal_google";

    public void Write(HttpContext http, GoogleFlow flow)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        http.Response.Cookies.Append(Name, _protector.Protect(JsonSerializer.Serialize(flow), expires), Options(expires));
    }

    /// <summary>The flow started by this browser, or null when absent, tampered with or older than 10 minutes.</summary>
    public GoogleFlow? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        http.Response.Cookies.Delete(Name, Options(null));
        try { return JsonSerializer.Deserialize<GoogleFlow>(_protector.Unprotect(value)); }
        catch (CryptographicException) { return null; }
        catch (JsonException) { return null; }
    }

    private CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = _secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
