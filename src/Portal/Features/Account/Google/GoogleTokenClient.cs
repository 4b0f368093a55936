using System.Text.Json;

namespace Portal.Features.Account.Google;

/// <summary>
/// Exchanges the authorization code (with the PKCE verifier) for the ID token. Only the ID token is read; the access
/// token in the same answer is discarded and nothing is stored (identity.md §6). Never retried: a code works once.
/// </summary>
public sealed class GoogleTokenClient(IHttpClientFactory httpFactory, GoogleProvider provider, ILogger<GoogleTokenClient> logger)
{
    public async Task<string?> ExchangeAsync(string code, string codeVerifier, string clientId, string clientSecret, string redirectUri, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = codeVerifier,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["redirect_uri"] = redirectUri,
        });
        try
        {
            using var client = httpFactory.CreateClient(GoogleProvider.HttpClientName);
            using var response = await client.PostAsync(provider.TokenEndpoint, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                // The body may echo request details; only the status is logged.
                logger.LogWarning("Google token endpoint respondeu {Status}", (int)response.StatusCode);
                return null;
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String
                ? idToken.GetString()
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
                                   || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("Falha na troca do código com o Google: {Error}", ex.Message);
            return null;
        }
    }
}
