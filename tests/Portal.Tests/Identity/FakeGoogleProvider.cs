using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Portal.Tests.Identity;

/// <summary>
/// A local fake OpenID provider for Google sign-in (README §6.15): a WireMock server with the token endpoint and the
/// JWKS, issuing ID tokens signed with a test RSA key. The authorization endpoint is never called — tests read the
/// redirect and come back to the callback themselves, as Google would send the browser.
/// </summary>
public sealed class FakeGoogleProvider : IDisposable
{
    public const string KeyId = "fake-google-key-1";
    public const string ClientId = "portal-test.apps.googleusercontent.com";
    public const string ClientSecret = "segredo-do-cliente-de-teste";

    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeGoogleProvider()
    {
        var parameters = Key.ExportParameters(false);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", kid = KeyId, use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
        _server.Given(Request.Create().WithPath("/jwks").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(jwks));
    }

    public RSA Key { get; } = RSA.Create(2048);
    public string Url => _server.Url!;
    public string Issuer => Url + "/issuer";

    /// <summary>Configuration pointing the portal's Google client to this provider.</summary>
    public Dictionary<string, string?> Configuration() => new()
    {
        ["Google:AuthorizationEndpoint"] = Url + "/auth",
        ["Google:TokenEndpoint"] = Url + "/token",
        ["Google:JwksUri"] = Url + "/jwks",
        ["Google:Issuer"] = Issuer,
    };

    /// <summary>Google's usual ID-token claims for <paramref name="email"/>; tests change entries to break them.</summary>
    public Dictionary<string, object> Claims(string nonce, string email, string subject, string name = "Pessoa do Google")
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["azp"] = ClientId,
            ["sub"] = subject,
            ["email"] = email,
            ["email_verified"] = true,
            ["name"] = name,
            ["picture"] = "https://lh3.googleusercontent.com/a/foto-" + subject,
            ["nonce"] = nonce,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(59).ToUnixTimeSeconds(),
        };
    }

    public string Sign(IDictionary<string, object> claims, RSA? key = null, string keyId = KeyId)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? Key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A one-off authorization code the token endpoint exchanges for <paramref name="idToken"/>.</summary>
    public string IssueCode(string idToken, int status = 200)
    {
        var code = "code-" + Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new { access_token = "ya29.descartado", expires_in = 3599, token_type = "Bearer", scope = "openid email profile", id_token = idToken });
        _server.Given(Request.Create().WithPath("/token").UsingPost().WithBody((IDictionary<string, string>? form) => form is not null && form.TryGetValue("code", out var c) && c == code))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody(status == 200 ? body : """{"error":"invalid_grant"}"""));
        return code;
    }

    /// <summary>Form fields the portal posted to the token endpoint for <paramref name="code"/>.</summary>
    public Dictionary<string, string> TokenRequest(string code) =>
        _server.LogEntries.Select(e => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(e.RequestMessage.Body ?? ""))
            .Where(f => f.TryGetValue("code", out var c) && c == code)
            .Select(f => f.ToDictionary(p => p.Key, p => p.Value.ToString()))
            .Single();

    public int TokenRequests => _server.LogEntries.Count(e => e.RequestMessage.Path == "/token");

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        Key.Dispose();
    }
}
