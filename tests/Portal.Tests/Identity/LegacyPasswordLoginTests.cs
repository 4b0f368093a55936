using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>IDN-13: an imported Werkzeug hash logs in and is re-hashed with the current algorithm.</summary>
public abstract class LegacyPasswordLoginTests(SharedPortal portal) : IntegrationTest(portal)
{
    // Werkzeug 3.1 generate_password_hash(LegacyPassword) — the same vector as PasswordHashingTests.
    private const string LegacyPassword = "senha-antiga-do-flask";
    private const string LegacyHash = "scrypt:32768:8:1$p6e98Xn8Bh70Ld0I$2d3ee1de59f164120c11731cb24db003f5be86d4b07d457036d699fbb96acf06868a5224100f75f59f9bc9f0a7a987e6bfbeb17972d44936d464fd2aea8f0b65";

    [Fact]
    public async Task Werkzeug_scrypt_hash_logs_in_and_is_rehashed_and_a_wrong_password_is_refused()
    {
        var user = await Users.CreateAsync(password: null);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, LegacyHash)));

        using var wrong = App.NewClient();
        Assert.Contains(LoginService.InvalidMessage, WebUtility.HtmlDecode(await (await wrong.LoginAsync(user.Email, "senha errada")).Content.ReadAsStringAsync()));

        using var client = App.NewClient();
        var response = await client.LoginAsync(user.Email, LegacyPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());
        Assert.False(new PasswordHashing().IsLegacy(stored!));
        Assert.Equal(PasswordCheck.Success, new PasswordHashing().Verify(stored, LegacyPassword));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LegacyPasswordLoginTestsSqlite(SqlitePortal portal) : LegacyPasswordLoginTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class LegacyPasswordLoginTestsMySql(MySqlPortal portal) : LegacyPasswordLoginTests(portal);
