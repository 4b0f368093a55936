using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>identity.md §7: server-side sessions, timeouts, revocation (IDN-08, IDN-10, "Sair de todas…").</summary>
public abstract class SessionTests(SharedPortal portal) : IntegrationTest(portal)
{
    private Task AgeSessionsAsync(long userId, TimeSpan lastSeenAgo)
    {
        var lastSeen = DateTime.UtcNow - lastSeenAgo;
        return App.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LastSeenAt, lastSeen).SetProperty(s => s.CreatedAt, lastSeen)));
    }

    [Fact]
    public async Task Session_idle_for_more_than_8_hours_is_rejected()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        await AgeSessionsAsync(user.Id, TimeSpan.FromHours(7));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);

        await AgeSessionsAsync(user.Id, TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var response = await client.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remember_me_session_is_rejected_after_30_days_even_if_used_daily()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user, remember: true);
        var session = await App.WithDbAsync(db => db.UserSessions.SingleAsync(s => s.UserId == user.Id));
        Assert.True(session.IsPersistent);
        Assert.InRange((session.ExpiresAt - session.CreatedAt).TotalDays, 29.9, 30.1);
        // Idle 3 days is fine for "Lembrar-me" (idle limit 7 days)...
        await AgeSessionsAsync(user.Id, TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
        // ...but used yesterday and created 30 days ago: past the absolute lifetime.
        var yesterday = DateTime.UtcNow.AddDays(-1);
        var created = DateTime.UtcNow.AddDays(-30).AddMinutes(-1);
        var expires = DateTime.UtcNow.AddMinutes(-1);
        await App.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == user.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LastSeenAt, yesterday).SetProperty(s => s.CreatedAt, created).SetProperty(s => s.ExpiresAt, expires)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_keeps_the_current_one()
    {
        var user = await Users.CreateAsync();
        using var laptop = await Users.LoginAsync(user);
        using var phone = await Users.LoginAsync(user);
        var response = await laptop.PostFormAsync("/perfil/senha",
            ("CurrentPassword", user.Password), ("NewPassword", "outra frase bem comprida 77"), ("Confirmation", "outra frase bem comprida 77"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/inicio")).StatusCode);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "password_changed" && a.ResourceId == user.Id.ToString())));
    }

    [Fact]
    public async Task Change_password_validates_current_password_policy_and_confirmation()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var response = await client.PostFormAsync("/perfil/senha",
            ("CurrentPassword", "errada"), ("NewPassword", "abc12345678"), ("Confirmation", "diferente"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Senha atual incorreta.", html);
        Assert.Contains("A senha deve ter pelo menos 12 caracteres.", html);
        Assert.Contains("A confirmação não confere com a nova senha.", html);
        var hash = await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());
        Assert.NotEqual(PasswordCheck.Failed, new PasswordHashing().Verify(hash, user.Password));
    }

    [Fact]
    public async Task Sair_de_todas_as_outras_sessoes_keeps_only_the_current_one()
    {
        var user = await Users.CreateAsync();
        using var a = await Users.LoginAsync(user);
        using var b = await Users.LoginAsync(user);
        using var c = await Users.LoginAsync(user);
        var (_, page) = await a.GetPageAsync("/perfil/sessoes");
        Assert.Equal(3, page.QuerySelectorAll("tbody tr").Length);

        var response = await a.PostFormAsync("/perfil/sessoes", "/perfil/sessoes?handler=EndOthers", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await b.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task Ending_one_session_from_the_list_logs_that_device_out_and_other_users_sessions_are_404()
    {
        var user = await Users.CreateAsync();
        var stranger = await Users.CreateAsync();
        using var a = await Users.LoginAsync(user);
        using var b = await Users.LoginAsync(user);
        using var s = await Users.LoginAsync(stranger);
        var bSession = await App.WithDbAsync(db => db.UserSessions.Where(x => x.UserId == user.Id).OrderByDescending(x => x.Id).Select(x => x.Id).FirstAsync());
        var strangerSession = await App.WithDbAsync(db => db.UserSessions.Where(x => x.UserId == stranger.Id).Select(x => x.Id).FirstAsync());

        var foreign = await a.PostFormAsync("/perfil/sessoes", $"/perfil/sessoes?handler=End&id={strangerSession}", []);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/inicio")).StatusCode);

        var end = await a.PostFormAsync("/perfil/sessoes", $"/perfil/sessoes?handler=End&id={bSession}", []);
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await b.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task A_new_login_discards_the_session_the_browser_already_had()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var first = client.SessionCookie!;
        // Signed in, /login redirects away: post the login form with a token from another page.
        await client.PostFormAsync("/perfil", "/login", [new("Email", user.Email), new("Password", user.Password)]);
        Assert.NotEqual(first, client.SessionCookie);
        using var replay = App.NewClient();
        replay.Cookies.Add(App.BaseAddress, new Cookie("portal_session", first));
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/inicio")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionTestsSqlite(SqlitePortal portal) : SessionTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class SessionTestsMySql(MySqlPortal portal) : SessionTests(portal);
