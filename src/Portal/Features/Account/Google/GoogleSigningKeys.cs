using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Portal.Features.Account.Google;

/// <summary>
/// The provider's RSA signing keys (JWKS), cached briefly. Google publishes a new key well before it signs with it,
/// so a short cache suffices; an unknown key id triggers an early refresh, throttled so forged key ids cannot make
/// the portal hammer the provider.
/// </summary>
public sealed class GoogleSigningKeys(IHttpClientFactory httpFactory, GoogleProvider provider, TimeProvider clock, ILogger<GoogleSigningKeys> logger) : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(30);
    private const int MinModulusBytes = 256; // RSA 2048

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyDictionary<string, RSAParameters> _keys = new Dictionary<string, RSAParameters>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task<RSAParameters?> FindAsync(string keyId, CancellationToken ct)
    {
        if (IsFresh() && _keys.TryGetValue(keyId, out var cached)) return cached;
        await _refresh.WaitAsync(ct);
        try
        {
            var age = clock.GetUtcNow() - _fetchedAt;
            if (age >= CacheFor || (!_keys.ContainsKey(keyId) && age >= MinRefreshInterval))
            {
                // On failure the previous keys stay: a provider hiccup should not end sign-in with still-valid keys.
                if (await FetchAsync(ct) is { } fetched)
                {
                    _keys = fetched;
                    _fetchedAt = clock.GetUtcNow();
                }
            }
            return _keys.TryGetValue(keyId, out var key) ? key : null;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsFresh() => clock.GetUtcNow() - _fetchedAt < CacheFor;

    private async Task<IReadOnlyDictionary<string, RSAParameters>?> FetchAsync(CancellationToken ct)
    {
        // A GET is idempotent: one retry for transient failures (README §6.15).
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                using var client = httpFactory.CreateClient(GoogleProvider.HttpClientName);
                using var response = await client.GetAsync(provider.JwksUri, ct);
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogWarning("Google JWKS respondeu {Status}", (int)response.StatusCode);
                    if ((int)response.StatusCode < 500) return null;
                    continue;
                }
                return Parse(await response.Content.ReadAsByteArrayAsync(ct));
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or FormatException
                                       || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                logger.LogWarning("Falha ao obter as chaves do Google (tentativa {Attempt}): {Error}", attempt, ex.Message);
            }
        }
        return null;
    }

    private static Dictionary<string, RSAParameters> Parse(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var keys = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        if (!doc.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array) return keys;
        foreach (var jwk in list.EnumerateArray())
        {
            if (Text(jwk, "kty") != "RSA" || Text(jwk, "kid") is not { Length: > 0 } kid) continue;
            if (Text(jwk, "use") is { } use && use != "sig") continue;
            if (Text(jwk, "alg") is { } alg && alg != "RS256") continue;
            if (Text(jwk, "n") is not { } n || Text(jwk, "e") is not { } e) continue;
            var modulus = Base64Url.DecodeFromChars(n);
            if (modulus.Length < MinModulusBytes) continue;
            keys[kid] = new RSAParameters { Modulus = modulus, Exponent = Base64Url.DecodeFromChars(e) };
        }
        return keys;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
