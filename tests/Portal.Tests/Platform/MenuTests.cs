using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Platform.Web;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>platform.md §9: the menu shows only what the user may use; start page rules (PLT-12, PLT-13).</summary>
public sealed class MenuTests
{
    private static string[] MenuLinks(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        doc.QuerySelectorAll("#portal-sidebar a.nav-link").Select(a => a.GetAttribute("href")!).ToArray();

    [Fact]
    public async Task A_user_with_only_rooms_book_sees_only_the_room_entry_and_lands_on_it()
    {
        // The rooms module is not built yet: register its menu entry the way it will (MenuExtensions.AddMenuItem).
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite,
            services: s => s.AddMenuItem(new MenuItem("Geral", "Salas de reunião", "bi-door-open", "/salas", "rooms.book", 50)));
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        var reception = await users.CreateAsync(roles: ["Somente Sala de Reuniões"]);
        using var client = app.NewClient();
        var login = await client.LoginAsync(reception.Email, reception.Password);
        Assert.Equal("/salas", login.Headers.Location!.OriginalString);
        var (_, doc) = await client.GetPageAsync("/perfil");
        Assert.Equal(["/salas"], MenuLinks(doc));

        // Diretor holds rooms.book and audit.view: two modules → Início, and no user administration.
        var diretor = await users.CreateAsync(roles: ["Diretor"]);
        using var other = app.NewClient();
        Assert.Equal("/inicio", (await other.LoginAsync(diretor.Email, diretor.Password)).Headers.Location!.OriginalString);
        var (_, diretorDoc) = await other.GetPageAsync("/inicio");
        Assert.Contains("/salas", MenuLinks(diretorDoc));
        Assert.Contains("/inicio", MenuLinks(diretorDoc));
        Assert.Contains("/admin/auditoria", MenuLinks(diretorDoc));
        Assert.DoesNotContain("/admin/usuarios", MenuLinks(diretorDoc));

        using var admin = await users.LoginAsync(users.Administrator);
        var (_, adminDoc) = await admin.GetPageAsync("/inicio");
        Assert.Contains("/admin/usuarios", MenuLinks(adminDoc));
        Assert.Contains("/admin/configuracoes", MenuLinks(adminDoc));
        Assert.Contains("/admin/auditoria", MenuLinks(adminDoc));
    }

    [Fact]
    public async Task Own_start_page_is_used_when_still_accessible()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var admin = await users.LoginAsync(users.Administrator);
        var save = await admin.PostFormAsync("/perfil", ("FullName", users.Administrator.FullName), ("StartPage", "/admin/auditoria"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal("/admin/auditoria", (await admin.GetAsync("/")).Headers.Location!.OriginalString);

        // A start page the user cannot open is refused on the profile form.
        var colaborador = await users.CreateAsync(roles: ["Colaborador"]);
        using var client = await users.LoginAsync(colaborador);
        var refused = await client.PostFormAsync("/perfil", ("FullName", colaborador.FullName), ("StartPage", "/admin/usuarios"), ("Version", "1"));
        Assert.Contains("Página inicial indisponível para você.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }
}
