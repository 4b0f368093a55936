namespace Portal.Features.Account;

/// <summary>Login, logout, password reset, first-run setup and "Meu perfil" (identity.md §5, §7, §8, §10).</summary>
public static class AccountModule
{
    public static void AddAccount(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PasswordResetService>();
    }
}
