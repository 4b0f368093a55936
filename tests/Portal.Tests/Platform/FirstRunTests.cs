using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>operations.md §3 step 6 and OPS-01: an empty database leads to /setup; /setup disappears afterwards.</summary>
public abstract class FirstRunTests(DatabaseKind provider)
{
    [Fact]
    public async Task Empty_database_redirects_to_setup_which_creates_the_first_administrator_once()
    {
        await using var app = await PortalApp.StartAsync(provider);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync())); // no default account
        using var client = app.NewClient();

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", home.Headers.Location!.OriginalString);
        Assert.Equal("/setup", (await client.GetAsync("/admin/usuarios")).Headers.Location!.OriginalString);
        var (login, loginDoc) = await client.GetPageAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Configuração inicial pendente.", loginDoc.Body!.TextContent);

        var code = (await File.ReadAllTextAsync(Path.Combine(app.DataPath, "setup-code.txt"))).Trim();
        var bad = await client.PostFormAsync("/setup", ("Code", "AAAA-BBBB"), ("FirmName", "Escritório Teste"), ("FullName", "Ana Teste"),
            ("Email", "ana@teste.local"), ("Password", "abc"), ("Confirmation", "abc"));
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Código de configuração inválido", badHtml);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));

        var weak = await client.PostFormAsync("/setup", ("Code", code), ("FirmName", "Escritório Teste"), ("FullName", "Ana Teste"),
            ("Email", "ana@teste.local"), ("Password", "abc12345678"), ("Confirmation", "abc12345678"));
        Assert.Contains("A senha deve ter pelo menos 12 caracteres.", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()));

        const string password = "configuração inicial segura 2026";
        var ok = await client.PostFormAsync("/setup", ("Code", code.ToLowerInvariant()), ("FirmName", "Escritório Teste"), ("FullName", "Ana Teste"),
            ("Email", "Ana@Teste.local"), ("Password", password), ("Confirmation", password));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var (inicio, doc) = await client.GetPageAsync("/inicio");
        Assert.Equal(HttpStatusCode.OK, inicio.StatusCode);
        Assert.Contains("Escritório Teste", doc.QuerySelector(".portal-brand")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.False(File.Exists(Path.Combine(app.DataPath, "setup-code.txt")));
        var admin = await app.WithDbAsync(db => db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync());
        Assert.Equal("ana@teste.local", admin.Email);
        Assert.True(admin.Roles.Single().Role.IsAdministrator);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user_created")));
    }

    [Fact]
    public async Task Demo_option_seeds_users_skips_setup_and_writes_the_credentials_file()
    {
        await using var app = await PortalApp.StartAsync(provider, services: null, demo: true);
        var credentials = await File.ReadAllTextAsync(Path.Combine(app.DataPath, "demo-credentials.txt"));
        var password = credentials.Split('\n').First(l => l.StartsWith("Senha", StringComparison.Ordinal)).Split(':')[1].Trim();
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync("admin@demo.portal.local", password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.CountAsync(u => u.IsDemo)) >= 8);
    }
}

public sealed class FirstRunTestsSqlite() : FirstRunTests(DatabaseKind.Sqlite);

public sealed class FirstRunTestsMySql() : FirstRunTests(DatabaseKind.MySql);
