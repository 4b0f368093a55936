using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>
/// Builds JWTs by hand so a test controls every header and claim (alg, iat/nbf/exp, aud, iss, typ), signed with the
/// portal's own key (read from &lt;DataPath&gt;/keys/jwt.key) or with any other secret.
/// </summary>
public sealed class TokenForge(PortalApp app)
{
    public byte[] PortalKey => Convert.FromBase64String(File.ReadAllText(Path.Combine(app.DataPath, "keys", "jwt.key")).Trim());

    /// <summary>The claims of a genuine token, as a mutable JSON object with a fresh jti.</summary>
    public static JsonObject ClaimsOf(string genuineToken)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(new JsonWebToken(genuineToken).EncodedPayload))!.AsObject();
        payload["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        return payload;
    }

    /// <summary>A genuine token's claims, re-timed so it was issued <paramref name="issuedAgo"/> ago (24 h lifetime).</summary>
    public static JsonObject IssuedAgo(string genuineToken, TimeSpan issuedAgo)
    {
        var claims = ClaimsOf(genuineToken);
        // Rounded up to the next second, so "29 s past expiry" is at most 29 s (plus the request's latency) on the server.
        var now = (long)Math.Ceiling(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        var iat = now - (long)issuedAgo.TotalSeconds;
        claims["iat"] = iat;
        claims["nbf"] = iat;
        claims["exp"] = iat + 86400;
        return claims;
    }

    /// <summary>HS256 (or <paramref name="alg"/> HS*) over the given claims, with the portal key unless another is given.</summary>
    public string Sign(JsonObject claims, byte[]? key = null, string alg = "HS256")
    {
        var input = Encode(Header(alg)) + "." + Encode(claims.ToJsonString());
        using HMAC hmac = alg switch
        {
            "HS256" => new HMACSHA256(key ?? PortalKey),
            "HS384" => new HMACSHA384(key ?? PortalKey),
            "HS512" => new HMACSHA512(key ?? PortalKey),
            _ => throw new ArgumentOutOfRangeException(nameof(alg)),
        };
        return input + "." + Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>An unsecured JWT (<c>alg: none</c>, empty signature).</summary>
    public static string AlgNone(JsonObject claims) => Encode(Header("none")) + "." + Encode(claims.ToJsonString()) + ".";

    /// <summary>A real RS256 token signed with an RSA private key (an algorithm the portal must not accept).</summary>
    public static string SignRs256(JsonObject claims, RSA rsa)
    {
        var input = Encode(Header("RS256")) + "." + Encode(claims.ToJsonString());
        return input + "." + Base64UrlEncoder.Encode(rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>The same token with another payload but the original signature.</summary>
    public static string WithPayload(string token, JsonObject claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Encode(claims.ToJsonString()) + "." + parts[2];
    }

    private static string Header(string alg) => JsonSerializer.Serialize(new { alg, typ = "JWT" });

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
