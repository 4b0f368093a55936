using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Identity;

namespace Portal.Platform.Api;

public sealed record IssuedToken(string Token, string Jti, DateTime ExpiresAt);

public sealed record TokenClaims(long UserId, string Jti, string StampHash, DateTime ExpiresAt);

/// <summary>
/// Issues and validates the API's bearer JWTs (api.md §3.2): HS256 only, 24 h, iss/aud/sub/jti/iat/exp/stm/typ.
/// The signing key lives in Security:JwtSigningKeyFile and is generated on first start.
/// </summary>
public sealed class TokenService
{
    public const string Audience = "portal-api";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly SymmetricSecurityKey _key;
    private readonly string _issuer;
    private readonly TimeProvider _clock;
    private readonly TokenValidationParameters _validation;

    public TokenService(IConfiguration configuration, PortalPaths paths, TimeProvider clock)
    {
        _clock = clock;
        _issuer = configuration["Portal:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : "portal";
        _key = new SymmetricSecurityKey(LoadOrCreateKey(configuration, paths)) { KeyId = "portal-1" };
        // Built once: it only holds configuration (the clock is read by the validator at each call), and building it per
        // request showed up on every authenticated API call.
        _validation = new TokenValidationParameters
        {
            ValidIssuer = _issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            LifetimeValidator = (nbf, exp, _, p) => IsWithinLifetime(nbf, exp, p),
        };
    }

    public IssuedToken Issue(long userId, string securityStamp)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var jti = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expires = now + Lifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            TokenType = "JWT",
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["jti"] = jti,
                ["stm"] = StampHash(securityStamp),
                ["typ"] = "access",
            },
        });
        return new IssuedToken(token, jti, expires);
    }

    /// <summary>Signature, algorithm allow-list, iss, aud, lifetime (30 s skew), nbf, typ. Null when any fails.</summary>
    public async Task<TokenClaims?> ValidateAsync(string token)
    {
        if (token.Length > 4096) return null;
        var result = await Handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        if (!jwt.TryGetPayloadValue<string>("typ", out var typ) || typ != "access") return null;
        if (!long.TryParse(jwt.Subject, out var userId) || string.IsNullOrEmpty(jwt.Id)) return null;
        if (!jwt.TryGetPayloadValue<string>("stm", out var stamp)) return null;
        return new TokenClaims(userId, jwt.Id, stamp, jwt.ValidTo);
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TokenValidationParameters p)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (expires is null || now > expires.Value.ToUniversalTime() + p.ClockSkew) return false;
        return notBefore is null || now + p.ClockSkew >= notBefore.Value.ToUniversalTime();
    }

    public static string StampHash(string stamp) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stamp)))[..32].ToLowerInvariant();

    private static byte[] LoadOrCreateKey(IConfiguration configuration, PortalPaths paths)
    {
        var file = configuration["Security:JwtSigningKeyFile"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, paths.DataPath)
            : Path.Combine(paths.KeysPath, "jwt.key");
        if (File.Exists(file))
        {
            // A short or unreadable secret must stop the portal with a clear message, not sign weak tokens (api.md §3.2).
            byte[] existing;
            try { existing = Convert.FromBase64String(File.ReadAllText(file).Trim()); }
            catch (FormatException) { existing = []; }
            return existing.Length >= 32
                ? existing
                : throw new Setup.StartupException($"Chave de assinatura da API inválida em {file}: esperado Base64 de pelo menos 32 bytes.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(32); // 256-bit HS256 secret
        File.WriteAllText(file, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
