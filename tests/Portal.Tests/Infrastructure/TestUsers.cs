using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Identity;
using Portal.Platform.Setup;

namespace Portal.Tests.Infrastructure;

public sealed record TestUser(long Id, string Email, string Username, string Password, string FullName);

/// <summary>Creates users through the real account service (hashing, audit) with unique names per test.</summary>
public sealed class TestUsers(PortalApp app)
{
    public const string Password = "uma senha longa de teste 42";

    public TestUser Administrator { get; private set; } = null!;

    public async Task EnsureAdministratorAsync() => Administrator = await CreateAsync(roles: [ReferenceData.AdministratorRoleName], prefix: "admin");

    /// <summary>Creates an active user holding the named roles and sectors (seed names).</summary>
    public async Task<TestUser> CreateAsync(string[]? roles = null, string[]? sectors = null, string prefix = "u", string? password = Password, bool active = true)
    {
        var unique = prefix + Guid.NewGuid().ToString("N")[..10];
        var email = $"{unique}@teste.local";
        long id = 0;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Platform.Data.PortalDb>();
            var roleIds = await db.Roles.Where(r => (roles ?? Array.Empty<string>()).Contains(r.Name)).Select(r => r.Id).ToListAsync();
            var sectorIds = await db.Sectors.Where(s => (sectors ?? Array.Empty<string>()).Contains(s.Name)).Select(s => s.Id).ToListAsync();
            var result = await sp.GetRequiredService<UserAccounts>().CreateAsync(
                new UserInput(email, unique, "Pessoa " + unique, active, sectorIds, roleIds, password));
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            id = result.User!.Id;
            await sp.GetRequiredService<SetupState>().RefreshAsync(db);
        });
        return new TestUser(id, email, unique, password ?? "", "Pessoa " + unique);
    }

    /// <summary>A new client already signed in as <paramref name="user"/>.</summary>
    public async Task<TestClient> LoginAsync(TestUser user, bool remember = false)
    {
        var client = app.NewClient();
        var response = await client.LoginAsync(user.Email, user.Password, remember);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login de {user.Email} falhou: {(int)response.StatusCode}");
        return client;
    }
}
