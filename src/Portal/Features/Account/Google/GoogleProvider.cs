namespace Portal.Features.Account.Google;

/// <summary>
/// Where the OpenID provider lives: Google's addresses unless configured otherwise, so tests run the real client
/// against a local fake provider (README §6.15). Client id, secret and domains are database settings instead,
/// because administrators change them at run time.
/// </summary>
public sealed class GoogleProvider
{
    public const string HttpClientName = "google";
    public const string Scopes = "openid email profile";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public GoogleProvider(IConfiguration configuration)
    {
        AuthorizationEndpoint = Address(configuration, "Google:AuthorizationEndpoint", "https://accounts.google.com/o/oauth2/v2/auth");
        TokenEndpoint = Address(configuration, "Google:TokenEndpoint", "https://oauth2.googleapis.com/token");
        JwksUri = Address(configuration, "Google:JwksUri", "https://www.googleapis.com/oauth2/v3/certs");
        Issuer = configuration["Google:Issuer"] is { Length: > 0 } issuer ? issuer : "https://accounts.google.com";
    }

    public Uri AuthorizationEndpoint { get; }
    public Uri TokenEndpoint { get; }
    public Uri JwksUri { get; }
    public string Issuer { get; }

    /// <summary>Google issues ID tokens with either form of its issuer (with and without the scheme).</summary>
    public bool IsValidIssuer(string? issuer) =>
        issuer is not null && (issuer == Issuer ||
            (Issuer.StartsWith("https://", StringComparison.Ordinal) && issuer == Issuer["https://".Length..]));

    private static Uri Address(IConfiguration configuration, string key, string fallback)
    {
        var value = configuration[key] is { Length: > 0 } v ? v : fallback;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"{key} inválido: '{value}'.");
    }
}
