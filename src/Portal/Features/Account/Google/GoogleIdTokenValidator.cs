using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Features.Account.Google;

/// <summary>The claims of a validated ID token that sign-in uses.</summary>
public sealed record GoogleIdentity(string Subject, string Email, bool EmailVerified, string? HostedDomain, string? Name, string? Picture);

/// <summary>Either the identity or why the token was refused (for the log only; the person sees one generic text).</summary>
public sealed record IdTokenValidation(GoogleIdentity? Identity, string? Problem)
{
    public static IdTokenValidation Fail(string problem) => new(null, problem);
}

/// <summary>
/// Validates an ID token as OpenID Connect Core §3.1.3.7 asks: RS256 signature by a key of the provider's JWKS (no
/// other algorithm, so "none"/HS256 tricks fail), issuer, audience = our client id, expiry and the nonce we sent.
/// Written against the BCL to keep the dependency list short; the tests sign tokens with Microsoft.IdentityModel.
/// </summary>
public sealed class GoogleIdTokenValidator(GoogleSigningKeys keys, GoogleProvider provider, TimeProvider clock)
{
    private const int MaxTokenLength = 16 * 1024;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public async Task<IdTokenValidation> ValidateAsync(string? token, string clientId, string nonce, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return IdTokenValidation.Fail("token ausente ou grande demais");
        var parts = token.Split('.');
        if (parts.Length != 3) return IdTokenValidation.Fail("formato inválido");
        JsonDocument header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return IdTokenValidation.Fail("codificação inválida");
        }
        using (header)
        using (payload)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
                return IdTokenValidation.Fail("formato inválido");
            if (Text(header.RootElement, "alg") != "RS256") return IdTokenValidation.Fail("algoritmo não aceito");
            if (header.RootElement.TryGetProperty("crit", out _)) return IdTokenValidation.Fail("cabeçalho crit não suportado");
            if (Text(header.RootElement, "kid") is not { Length: > 0 } kid) return IdTokenValidation.Fail("kid ausente");
            if (await keys.FindAsync(kid, ct) is not { } key) return IdTokenValidation.Fail("chave de assinatura desconhecida");
            if (!SignatureValid(key, parts[0] + "." + parts[1], signature)) return IdTokenValidation.Fail("assinatura inválida");
            return Claims(payload.RootElement, clientId, nonce);
        }
    }

    private static bool SignatureValid(RSAParameters key, string signedPart, byte[] signature)
    {
        using var rsa = RSA.Create(key);
        return rsa.VerifyData(Encoding.ASCII.GetBytes(signedPart), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private IdTokenValidation Claims(JsonElement claims, string clientId, string nonce)
    {
        if (!provider.IsValidIssuer(Text(claims, "iss"))) return IdTokenValidation.Fail("emissor inválido");
        var audiences = Audiences(claims);
        if (!audiences.Contains(clientId)) return IdTokenValidation.Fail("audiência inválida");
        // The authorized party, when named (always with several audiences), must be us (OIDC Core §3.1.3.7 items 4–5).
        var azp = Text(claims, "azp");
        if (audiences.Count > 1 && azp is null) return IdTokenValidation.Fail("azp ausente");
        if (azp is not null && azp != clientId) return IdTokenValidation.Fail("azp inválido");
        var now = clock.GetUtcNow();
        if (Time(claims, "exp") is not { } exp || now >= exp + ClockSkew) return IdTokenValidation.Fail("token expirado");
        if (Time(claims, "iat") is { } iat && iat > now + ClockSkew) return IdTokenValidation.Fail("emitido no futuro");
        if (Time(claims, "nbf") is { } nbf && nbf > now + ClockSkew) return IdTokenValidation.Fail("ainda não válido");
        if (Text(claims, "nonce") is not { } tokenNonce || !FixedTimeEquals(tokenNonce, nonce)) return IdTokenValidation.Fail("nonce inválido");
        if (Text(claims, "sub") is not { Length: > 0 and <= 255 } subject) return IdTokenValidation.Fail("sub ausente");
        if (Text(claims, "email") is not { Length: > 0 } email) return IdTokenValidation.Fail("e-mail ausente");
        var verified = claims.TryGetProperty("email_verified", out var v)
                       && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));
        return new IdTokenValidation(new GoogleIdentity(subject, email.Trim().ToLowerInvariant(), verified,
            Text(claims, "hd")?.Trim().ToLowerInvariant(), Text(claims, "name"), Text(claims, "picture")), null);
    }

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static List<string> Audiences(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud)) return [];
        if (aud.ValueKind == JsonValueKind.String) return [aud.GetString()!];
        if (aud.ValueKind != JsonValueKind.Array) return [];
        return aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList();
    }

    private static DateTimeOffset? Time(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number) return null;
        if (!value.TryGetDouble(out var seconds) || double.IsNaN(seconds) || seconds < 0 || seconds > 253402300799) return null;
        return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
