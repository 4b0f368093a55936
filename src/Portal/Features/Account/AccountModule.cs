using Portal.Features.Account.Google;
using Portal.Features.Account.Photos;
using Portal.Platform.Events;
using Portal.Platform.Files;

namespace Portal.Features.Account;

/// <summary>Login, logout, Google sign-in, password reset, first-run setup and "Meu perfil" (identity.md §5–§8, §10).</summary>
public static class AccountModule
{
    public static void AddAccount(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<PasswordResetService>();
        services.AddScoped<UserPhotos>();
        services.AddFileUseCase(UserPhotos.UseCase);

        services.AddDomainEvents();
        services.AddHttpClient(GoogleProvider.HttpClientName, c =>
        {
            c.Timeout = GoogleProvider.Timeout;
            c.MaxResponseContentBufferSize = 256 * 1024;
        });
        services.AddSingleton<GoogleProvider>();
        services.AddScoped<Portal.Platform.Health.IIntegrationSource, GoogleIntegration>();
        services.AddSingleton<GoogleSigningKeys>(); // the JWKS cache lives as long as the process
        services.AddSingleton<GoogleFlowCookie>();
        services.AddScoped<GoogleTokenClient>();
        services.AddScoped<GoogleIdTokenValidator>();
        services.AddScoped<GoogleAccounts>();
        services.AddScoped<GoogleSignIn>();
    }

    public static void MapAccount(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapGoogleSignIn();
        app.MapUserPhotos();
        api.MapAuthApi();
    }
}
