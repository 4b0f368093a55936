using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Account.Google;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.Identity;
using Portal.Platform.Settings;
using Portal.Platform.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Identity;

/// <summary>A private portal wired to a fake Google per test class: Google settings are global, so not shared.</summary>
public abstract class GooglePortal(DatabaseKind provider) : IAsyncLifetime
{
    public FakeGoogleProvider Google { get; } = new();
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(provider, Google.Configuration());
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Google.Dispose();
    }
}

public sealed class GoogleSqlitePortal() : GooglePortal(DatabaseKind.Sqlite);

public sealed class GoogleMySqlPortal() : GooglePortal(DatabaseKind.MySql);

/// <summary>identity.md §6, IDN-14 and IDN-15: Google sign-in against a fake OpenID provider.</summary>
public abstract class GoogleSignInTests(GooglePortal portal)
{
    private PortalApp App => portal.App;
    private TestUsers Users => portal.Users;
    private FakeGoogleProvider Google => portal.Google;

    // ---- IDN-14 -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task IDN14_unknown_verified_email_with_automatic_creation_off_creates_nobody_and_says_to_contact_the_administrator()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var email = Unique("ninguem") + "@gmail.com";
        using var client = App.NewClient();

        var response = await SignInAsync(client, email, Unique("sub"));

        await AssertBackOnLoginAsync(client, response, GoogleSignIn.NotRegisteredMessage);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "login_failed" && a.Summary!.Contains(email))));
    }

    [Fact]
    public async Task Criar_conta_without_allowed_domains_counts_as_desativada()
    {
        await ConfigureAsync(domains: "", autoCreate: true);
        var email = Unique("semdominio") + "@gmail.com";
        using var client = App.NewClient();

        var response = await SignInAsync(client, email, Unique("sub"));

        await AssertBackOnLoginAsync(client, response, GoogleSignIn.NotRegisteredMessage);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    // ---- IDN-15 -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task IDN15_domain_outside_the_allowed_list_is_refused_even_when_the_user_exists()
    {
        var allowed = UniqueDomain();
        await ConfigureAsync(domains: allowed, autoCreate: true);
        var user = await CreateUserAsync(Unique("fora") + "@outra-firma.com.br");
        using var client = App.NewClient();

        var response = await SignInAsync(client, user.Email, Unique("sub"));

        await AssertBackOnLoginAsync(client, response, GoogleSignIn.DomainMessage);
        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Null(stored.GoogleSubject);
        Assert.Null(stored.LastLoginAt);
    }

    [Fact]
    public async Task IDN15_hosted_domain_claim_outside_the_list_is_refused_although_the_email_domain_is_allowed()
    {
        var allowed = UniqueDomain();
        await ConfigureAsync(domains: allowed, autoCreate: true);
        var email = Unique("hd") + "@" + allowed;
        using var client = App.NewClient();

        var response = await SignInAsync(client, email, Unique("sub"), claims => claims["hd"] = "outra-firma.com.br");

        await AssertBackOnLoginAsync(client, response, GoogleSignIn.DomainMessage);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task IDN15_criar_conta_creates_an_active_user_with_the_configured_role_and_no_sectors_who_is_signed_in_at_once()
    {
        var domain = UniqueDomain();
        var gestorId = await RoleIdAsync("Gestor");
        await ConfigureAsync(domains: "exemplo.org, " + domain.ToUpperInvariant(), autoCreate: true, roleId: gestorId);
        var local = Unique("nova");
        var email = local + "@" + domain;
        var subject = Unique("sub");
        using var client = App.NewClient();

        var response = await SignInAsync(client, email, subject, claims => claims["hd"] = domain, name: "Maria da Silva Google");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.NotNull(client.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);

        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Roles).ThenInclude(r => r.Role).Include(u => u.Sectors)
            .SingleAsync(u => u.Email == email));
        Assert.True(user.IsActive);
        Assert.Equal(local, user.Username);
        Assert.Equal("Maria da Silva Google", user.FullName);
        Assert.Equal(subject, user.GoogleSubject);
        Assert.Equal("https://lh3.googleusercontent.com/a/foto-" + subject, user.PhotoUrl);
        Assert.Null(user.PasswordHash);
        Assert.Empty(user.Sectors);
        Assert.Equal(["Gestor"], user.Roles.Select(r => r.Role.Name));
        Assert.NotNull(user.LastLoginAt);

        var created = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "user_created" && a.ResourceId == user.Id.ToString()));
        Assert.Equal("Criado pelo login Google", created.Summary);
        Assert.Equal("web", created.Channel);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "login" && a.ActorUserId == user.Id && a.Summary == "Login com Google")));
        Assert.Equal("google", await App.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == user.Id).Select(s => s.AuthMethod).SingleAsync()));

        // Signing in again finds the account by its Google subject: no second account, no second notification event.
        using var again = App.NewClient();
        var second = await SignInAsync(again, email, subject, claims => claims["hd"] = domain, name: "Maria da Silva Google");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        var events = App.Services.GetRequiredService<RecentDomainEvents>().Recent.OfType<UserCreatedByGoogle>().Where(e => e.UserId == user.Id).ToList();
        Assert.Equal([new UserCreatedByGoogle(user.Id, "Maria da Silva Google")], events);
    }

    [Fact]
    public async Task Created_accounts_get_colaborador_when_no_role_is_configured_and_a_suffix_when_the_username_is_taken()
    {
        var domain = UniqueDomain();
        await ConfigureAsync(domains: domain, autoCreate: true, roleId: null);
        var local = Unique("dup");
        await CreateUserAsync(local + "@outro.com.br", username: local); // holds the username derived from the e-mail
        var email = local + "@" + domain;
        using var client = App.NewClient();

        var response = await SignInAsync(client, email, Unique("sub"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync(u => u.Email == email));
        Assert.Equal(local + "2", user.Username);
        Assert.Equal(["Colaborador"], user.Roles.Select(r => r.Role.Name));
    }

    // ---- Existing accounts ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Existing_user_is_linked_by_email_then_found_by_subject_and_the_name_follows_google()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("existe") + "@gmail.com");
        var subject = Unique("sub");
        using (var client = App.NewClient())
        {
            var response = await SignInAsync(client, user.Email.ToUpperInvariant(), subject, name: "Nome Vindo do Google");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
        }
        var linked = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(subject, linked.GoogleSubject);
        Assert.Equal("Nome Vindo do Google", linked.FullName);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user_updated" && a.ResourceId == user.Id.ToString() && a.Summary == "Conta Google vinculada pelo e-mail")));

        // The portal e-mail changes; the Google subject still finds the account. Name sync off keeps the portal name.
        var newEmail = Unique("mudou") + "@teste.local";
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, newEmail)));
        await ConfigureAsync(domains: "", autoCreate: false, syncName: false);
        using (var client = App.NewClient())
        {
            var response = await SignInAsync(client, user.Email, subject, name: "Outro Nome no Google");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.NotNull(client.SessionCookie);
        }
        var found = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal("Nome Vindo do Google", found.FullName);
        Assert.Equal(newEmail, found.Email);
        Assert.Equal(2, await App.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.AuthMethod == "google")));
    }

    [Fact]
    public async Task Inactive_user_sees_conta_desativada_and_gets_no_session()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("inativo") + "@gmail.com", active: false);
        using var client = App.NewClient();

        var response = await SignInAsync(client, user.Email, Unique("sub"));

        await AssertBackOnLoginAsync(client, response, LoginService.InactiveMessage);
        Assert.False(await App.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == user.Id)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "login_failed" && a.ResourceId == user.Id.ToString())));
    }

    [Fact]
    public async Task Unverified_google_email_is_refused_even_for_an_existing_user()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("naoverificado") + "@gmail.com");
        using var client = App.NewClient();

        var response = await SignInAsync(client, user.Email, Unique("sub"), claims => claims["email_verified"] = false);

        await AssertBackOnLoginAsync(client, response, GoogleSignIn.FailedMessage);
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.GoogleSubject).SingleAsync()));
    }

    // ---- Step 1: protocol failures --------------------------------------------------------------------------------

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("expired")]
    [InlineData("bad-signature")]
    [InlineData("unknown-key")]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-nonce")]
    [InlineData("unsigned")]
    [InlineData("not-a-jwt")]
    public async Task Invalid_id_token_gives_the_generic_message_and_no_session(string problem)
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("token") + "@gmail.com");
        using var client = App.NewClient();
        var (state, nonce, _) = await StartAsync(client);
        var claims = Google.Claims(nonce, user.Email, Unique("sub"));
        using var otherKey = RSA.Create(2048);
        var token = problem switch
        {
            "wrong-audience" => Google.Sign(With(claims, "aud", "outro-cliente.apps.googleusercontent.com")),
            "expired" => Google.Sign(With(With(claims, "exp", DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds()), "iat", DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds())),
            "bad-signature" => Google.Sign(claims, otherKey),
            "unknown-key" => Google.Sign(claims, otherKey, "outra-chave"),
            "wrong-issuer" => Google.Sign(With(claims, "iss", "https://emissor-falso.example")),
            "wrong-nonce" => Google.Sign(With(claims, "nonce", "outro-nonce")),
            "unsigned" => Unsigned(claims),
            _ => "isto-nao-e-um-jwt",
        };

        var response = await client.GetAsync($"/google/callback?code={Google.IssueCode(token)}&state={state}");

        await AssertBackOnLoginAsync(client, response, GoogleSignIn.FailedMessage);
        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Null(stored.GoogleSubject);
        Assert.Null(stored.LastLoginAt);
    }

    [Fact]
    public async Task State_mismatch_error_from_google_missing_flow_and_failed_code_exchange_give_the_generic_message()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("estado") + "@gmail.com");

        using (var client = App.NewClient())
        {
            var (_, nonce, _) = await StartAsync(client);
            var code = Google.IssueCode(Google.Sign(Google.Claims(nonce, user.Email, Unique("sub"))));
            var before = Google.TokenRequests;
            var response = await client.GetAsync($"/google/callback?code={code}&state=estado-forjado");
            await AssertBackOnLoginAsync(client, response, GoogleSignIn.FailedMessage);
            Assert.Equal(before, Google.TokenRequests); // refused before contacting the provider
        }
        using (var client = App.NewClient())
        {
            var (state, _, _) = await StartAsync(client);
            var response = await client.GetAsync($"/google/callback?error=access_denied&state={state}");
            await AssertBackOnLoginAsync(client, response, GoogleSignIn.FailedMessage);
        }
        using (var client = App.NewClient())
        {
            // A callback this browser never started (no flow cookie), e.g. a link sent by an attacker.
            var (state, nonce, _) = await StartAsync(client);
            var code = Google.IssueCode(Google.Sign(Google.Claims(nonce, user.Email, Unique("sub"))));
            using var victim = App.NewClient();
            var response = await victim.GetAsync($"/google/callback?code={code}&state={state}");
            await AssertBackOnLoginAsync(victim, response, GoogleSignIn.FailedMessage);
        }
        using (var client = App.NewClient())
        {
            var (state, nonce, _) = await StartAsync(client);
            var code = Google.IssueCode(Google.Sign(Google.Claims(nonce, user.Email, Unique("sub"))), status: 400);
            var response = await client.GetAsync($"/google/callback?code={code}&state={state}");
            await AssertBackOnLoginAsync(client, response, GoogleSignIn.FailedMessage);
        }
        using (var client = App.NewClient())
        {
            // The flow cookie is used once: replaying the same callback fails.
            var (state, nonce, _) = await StartAsync(client);
            var url = $"/google/callback?code={Google.IssueCode(Google.Sign(Google.Claims(nonce, user.Email, Unique("sub"))))}&state={state}";
            Assert.Equal("/", (await client.GetAsync(url)).Headers.Location!.OriginalString);
            await client.LogoutAsync();
            await AssertBackOnLoginAsync(client, await client.GetAsync(url), GoogleSignIn.FailedMessage);
        }
        Assert.Equal(1, await App.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id)));
    }

    // ---- The authorization request --------------------------------------------------------------------------------

    [Fact]
    public async Task Start_redirects_to_the_provider_with_pkce_state_nonce_and_only_the_basic_scopes()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("pkce") + "@gmail.com");
        using var client = App.NewClient();

        var start = await client.PostFormAsync("/login", "/login/google", [new("ReturnUrl", "/perfil")]);

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.StartsWith(Google.Url + "/auth?", location.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(FakeGoogleProvider.ClientId, query["client_id"]);
        Assert.Equal(App.BaseAddress.GetLeftPart(UriPartial.Authority) + "/google/callback", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("openid email profile", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("select_account", query["prompt"]);
        Assert.False(query.ContainsKey("access_type"));
        Assert.True(query["state"].ToString().Length >= 32);
        Assert.True(query["nonce"].ToString().Length >= 32);
        var flowCookie = start.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal_google=", StringComparison.Ordinal));
        Assert.Contains("httponly", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(query["state"].ToString(), flowCookie, StringComparison.Ordinal); // encrypted

        var code = Google.IssueCode(Google.Sign(Google.Claims(query["nonce"]!, user.Email, Unique("sub"))));
        var callback = await client.GetAsync($"/google/callback?code={code}&state={query["state"]}");

        Assert.Equal("/perfil", callback.Headers.Location!.OriginalString);
        var exchange = Google.TokenRequest(code);
        Assert.Equal("authorization_code", exchange["grant_type"]);
        Assert.Equal(FakeGoogleProvider.ClientId, exchange["client_id"]);
        Assert.Equal(FakeGoogleProvider.ClientSecret, exchange["client_secret"]);
        Assert.Equal(query["redirect_uri"], exchange["redirect_uri"]);
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(exchange["code_verifier"])))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(query["code_challenge"], challenge);
    }

    [Fact]
    public async Task Foreign_return_urls_are_replaced_by_the_start_page()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        var user = await CreateUserAsync(Unique("retorno") + "@gmail.com");
        using var client = App.NewClient();
        var (state, nonce, _) = await StartAsync(client, "//evil.example/roubo");
        var code = Google.IssueCode(Google.Sign(Google.Claims(nonce, user.Email, Unique("sub"))));

        var response = await client.GetAsync($"/google/callback?code={code}&state={state}");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Start_without_antiforgery_token_is_403()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        using var client = App.NewClient();

        var response = await client.PostWithoutTokenAsync("/login/google");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CSRF token inválido", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("portal_google", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Not_configured_hides_the_button_and_both_routes_answer_404()
    {
        await ConfigureAsync(domains: "", autoCreate: false);
        using var client = App.NewClient();
        var (_, configuredPage) = await client.GetPageAsync("/login");
        Assert.NotNull(configuredPage.QuerySelector("form[action='/login/google']"));
        var (state, _, _) = await StartAsync(client);

        await StageAsync(new Dictionary<string, string?> { [SettingKeys.GoogleClientId] = null, [SettingKeys.GoogleClientSecret] = null });
        try
        {
            var (_, page) = await client.GetPageAsync("/login");
            Assert.Null(page.QuerySelector("form[action='/login/google']"));
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/login", "/login/google", [])).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/google/callback?code=x&state={state}")).StatusCode);
        }
        finally
        {
            await ConfigureAsync(domains: "", autoCreate: false);
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static string UniqueDomain() => Unique("firma") + ".com.br";

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value) =>
        new(claims) { [name] = value };

    private static string Unsigned(Dictionary<string, object> claims)
    {
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode(System.Text.Json.JsonSerializer.Serialize(claims)) + ".";
    }

    private async Task ConfigureAsync(string domains, bool autoCreate, long? roleId = null, bool syncName = true) =>
        await StageAsync(new Dictionary<string, string?>
        {
            [SettingKeys.GoogleClientId] = FakeGoogleProvider.ClientId,
            [SettingKeys.GoogleClientSecret] = FakeGoogleProvider.ClientSecret,
            [SettingKeys.GoogleAllowedDomains] = domains,
            [SettingKeys.GoogleAutoCreate] = autoCreate ? "true" : "false",
            [SettingKeys.GoogleAutoCreateRoleId] = roleId?.ToString(),
            [SettingKeys.GoogleSyncName] = syncName ? "true" : "false",
        });

    private Task StageAsync(Dictionary<string, string?> values) => App.WithScopeAsync(async sp =>
    {
        var settings = sp.GetRequiredService<SettingsService>();
        await settings.StageAsync(values, Users.Administrator.Id);
        await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
        settings.Invalidate();
    });

    private Task<long> RoleIdAsync(string name) =>
        App.WithDbAsync(db => db.Roles.Where(r => r.NameNormalized == TextNormalizer.Key(name)).Select(r => r.Id).SingleAsync());

    private async Task<TestUser> CreateUserAsync(string email, string? username = null, bool active = true)
    {
        username ??= Unique("g");
        long id = 0;
        await App.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserAccounts>().CreateAsync(new UserInput(email, username, "Pessoa " + username, active, [], []));
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            id = result.User!.Id;
        });
        return new TestUser(id, email.ToLowerInvariant(), username, "", "Pessoa " + username);
    }

    /// <summary>"Entrar com Google" on /login; returns what the browser would carry to Google.</summary>
    private async Task<(string State, string Nonce, string Challenge)> StartAsync(TestClient client, string? returnUrl = null)
    {
        var response = await client.PostFormAsync("/login", "/login/google", returnUrl is null ? [] : [new("ReturnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return (query["state"]!, query["nonce"]!, query["code_challenge"]!);
    }

    /// <summary>The whole round trip: start, the provider signs an ID token with the right nonce, the callback.</summary>
    private async Task<HttpResponseMessage> SignInAsync(TestClient client, string email, string subject,
        Action<Dictionary<string, object>>? change = null, string name = "Pessoa do Google")
    {
        var (state, nonce, _) = await StartAsync(client);
        var claims = Google.Claims(nonce, email, subject, name);
        change?.Invoke(claims);
        var code = Google.IssueCode(Google.Sign(claims));
        return await client.GetAsync($"/google/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
    }

    private static async Task AssertBackOnLoginAsync(TestClient client, HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString);
        Assert.Null(client.SessionCookie);
        var (page, doc) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(message, doc.QuerySelector(".alert-danger")?.TextContent.Trim());
        // The message is shown once.
        var (_, reload) = await client.GetPageAsync("/login");
        Assert.Null(reload.QuerySelector(".alert-danger"));
    }
}

public sealed class GoogleSignInTestsSqlite(GoogleSqlitePortal portal) : GoogleSignInTests(portal), IClassFixture<GoogleSqlitePortal>;

public sealed class GoogleSignInTestsMySql(GoogleMySqlPortal portal) : GoogleSignInTests(portal), IClassFixture<GoogleMySqlPortal>;

/// <summary>Pure rules of the Google client, without a portal.</summary>
public sealed class GoogleSignInRulesTests
{
    [Fact]
    public void Default_issuer_is_accepted_with_and_without_scheme()
    {
        var provider = new GoogleProvider(new ConfigurationBuilder().Build());
        Assert.True(provider.IsValidIssuer("https://accounts.google.com"));
        Assert.True(provider.IsValidIssuer("accounts.google.com"));
        Assert.False(provider.IsValidIssuer("https://accounts.google.com.evil.example"));
        Assert.False(provider.IsValidIssuer(null));
        Assert.Equal("https://oauth2.googleapis.com/token", provider.TokenEndpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("ana@firma.com.br", null, true)]
    [InlineData("ana@firma.com.br", "firma.com.br", true)]
    [InlineData("ana@gmail.com", null, false)]
    [InlineData("ana@firma.com.br", "outra.com.br", false)]
    [InlineData("ana@sub.firma.com.br", null, false)]
    public void Domain_rules(string email, string? hostedDomain, bool allowed) =>
        Assert.Equal(allowed, GoogleAccounts.DomainAllowed(new GoogleIdentity("1", email, true, hostedDomain, null, null), ["firma.com.br", "filial.com.br"]));

    [Fact]
    public void Return_urls_must_be_local()
    {
        Assert.Equal("/tarefas?x=1", GoogleSignIn.SafeReturnUrl("/tarefas?x=1"));
        Assert.Null(GoogleSignIn.SafeReturnUrl("//evil.example"));
        Assert.Null(GoogleSignIn.SafeReturnUrl("https://evil.example"));
        Assert.Null(GoogleSignIn.SafeReturnUrl("/\\evil.example"));
        Assert.Null(GoogleSignIn.SafeReturnUrl("/login?ReturnUrl=/x"));
    }
}
