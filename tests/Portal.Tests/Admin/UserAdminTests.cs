using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Setup;
using Portal.Platform.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>/admin/usuarios and its sub-pages (identity.md §9, §10; IDN-09, IDN-17…20; PLT-01).</summary>
public abstract class UserAdminTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Conflict = "Este registro foi alterado por outra pessoa enquanto você editava. Confira os valores atuais e salve novamente.";

    // ---- list ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task List_shows_50_per_page_active_first_and_filters_by_text_and_sector()
    {
        var token = Unique();
        var sectorId = await CreateSectorAsync("Setor " + token);
        await App.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 52; i++)
            {
                var user = NewUser($"Paginação {token} {i:00}", $"p{i:00}{token}");
                if (i <= 3) user.Sectors.Add(new SectorMembership { SectorId = sectorId });
                db.Users.Add(user);
            }
            var inactive = NewUser($"Aaa Inativo {token}", $"inativo{token}");
            inactive.IsActive = false;
            db.Users.Add(inactive);
            await db.SaveChangesAsync();
        });
        using var client = await Users.LoginAsync(Users.Administrator);

        var (response, page1) = await client.GetPageAsync($"/admin/usuarios?q={token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = RowNames(page1);
        Assert.Equal(50, names.Count);
        Assert.Equal($"Paginação {token} 01", names[0]);
        Assert.DoesNotContain(names, n => n.Contains("Inativo", StringComparison.Ordinal));
        Assert.Contains("1–50 de 52", page1.Body!.TextContent, StringComparison.Ordinal);

        var (_, page2) = await client.GetPageAsync($"/admin/usuarios?q={token}&page=2");
        Assert.Equal([$"Paginação {token} 51", $"Paginação {token} 52"], RowNames(page2));

        // "Mostrar inativos": inactive users come after every active one even though "Aaa" sorts first by name.
        var (_, withInactive) = await client.GetPageAsync($"/admin/usuarios?q={token}&inativos=true&page=2");
        Assert.Equal($"Aaa Inativo {token}", RowNames(withInactive).Last());

        var (_, bySector) = await client.GetPageAsync($"/admin/usuarios?q=&setor={sectorId}");
        Assert.Equal([$"Paginação {token} 01", $"Paginação {token} 02", $"Paginação {token} 03"], RowNames(bySector));

        var (_, none) = await client.GetPageAsync($"/admin/usuarios?q=ninguem-{token}");
        Assert.Empty(RowNames(none));
        Assert.Contains("Nenhum usuário encontrado com esses filtros.", none.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_filter_ignores_case_and_accents_and_matches_email_and_username()
    {
        var token = Unique();
        await App.WithDbAsync(async db =>
        {
            db.Users.Add(NewUser($"Conceição Araújo {token}", $"ca{token}"));
            db.Users.Add(NewUser($"Outra Pessoa {token}", $"op{token}"));
            await db.SaveChangesAsync();
        });
        using var client = await Users.LoginAsync(Users.Administrator);

        var (_, byName) = await client.GetPageAsync($"/admin/usuarios?q={Uri.EscapeDataString("CONCEICAO araujo " + token.ToUpperInvariant())}");
        Assert.Equal([$"Conceição Araújo {token}"], RowNames(byName));
        var (_, byAccent) = await client.GetPageAsync($"/admin/usuarios?q={Uri.EscapeDataString("araújo " + token)}");
        Assert.Equal([$"Conceição Araújo {token}"], RowNames(byAccent));
        var (_, combined) = await client.GetPageAsync($"/admin/usuarios?q={token}&setor=0");
        Assert.Empty(RowNames(combined)); // filters combine: no user is in a sector that does not exist
        var (_, byEmail) = await client.GetPageAsync($"/admin/usuarios?q={Uri.EscapeDataString($"OP{token.ToUpperInvariant()}@TESTE")}");
        Assert.Equal([$"Outra Pessoa {token}"], RowNames(byEmail));
        var (_, byUsername) = await client.GetPageAsync($"/admin/usuarios?q=ca{token}");
        Assert.Equal([$"Conceição Araújo {token}"], RowNames(byUsername));
    }

    // ---- create ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Create_user_with_sectors_roles_and_temporary_password_is_audited_and_listed()
    {
        var token = Unique();
        var fiscal = await SectorIdAsync("Fiscal");
        var colaborador = await RoleIdAsync("Colaborador");
        using var client = await Users.LoginAsync(Users.Administrator);

        var response = await client.PostFormAsync("/admin/usuarios/novo", null, Fields(
            ("Email", $"Nova.{token}@Teste.Local"), ("Username", $"nova{token}"), ("FullName", $"Nova Pessoa {token}"),
            ("IsActive", "true"), ("SectorIds", fiscal.ToString()), ("RoleIds", colaborador.ToString()),
            ("Password", TestUsers.Password)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await App.WithDbAsync(db => db.Users.Include(u => u.Sectors).Include(u => u.Roles).SingleAsync(u => u.Username == $"nova{token}"));
        Assert.Equal($"nova.{token}@teste.local", user.Email);
        Assert.True(user.IsActive);
        Assert.True(user.MustChangePassword);
        Assert.Equal([fiscal], user.Sectors.Select(s => s.SectorId));
        Assert.Equal([colaborador], user.Roles.Select(r => r.RoleId));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == "user_created" && a.ResourceId == user.Id.ToString() && a.ActorUserId == Users.Administrator.Id)));

        var (_, list) = await client.GetPageAsync($"/admin/usuarios?q={token}");
        Assert.Equal([$"Nova Pessoa {token}"], RowNames(list));

        using var newcomer = App.NewClient();
        var login = await newcomer.LoginAsync(user.Email, TestUsers.Password);
        Assert.Equal("/perfil/senha", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Create_with_invalid_email_duplicate_username_or_weak_password_shows_messages_and_creates_nothing()
    {
        var existing = await Users.CreateAsync(password: null);
        var token = Unique();
        using var client = await Users.LoginAsync(Users.Administrator);

        var response = await client.PostFormAsync("/admin/usuarios/novo", null, Fields(
            ("Email", "nao-e-um-email"), ("Username", existing.Username), ("FullName", "X"), ("IsActive", "true"), ("Password", "abc12345678")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("E-mail inválido.", html, StringComparison.Ordinal);
        Assert.Contains("Já existe um usuário com este nome de usuário.", html, StringComparison.Ordinal);
        Assert.Contains("Mínimo de 2 caracteres.", html, StringComparison.Ordinal);
        Assert.Contains("A senha deve ter pelo menos 12 caracteres.", html, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Username == existing.Username)));

        response = await client.PostFormAsync("/admin/usuarios/novo", null, Fields(
            ("Email", existing.Email.ToUpperInvariant()), ("Username", $"dup{token}"), ("FullName", "Pessoa Duplicada"), ("IsActive", "true")));
        Assert.Contains("Já existe um usuário com este e-mail.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        response = await client.PostFormAsync("/admin/usuarios/novo", null, Fields(("Email", ""), ("Username", ""), ("FullName", ""), ("IsActive", "true")));
        Assert.Contains("Campo obrigatório.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == $"dup{token}" || u.Email == "nao-e-um-email")));
    }

    // ---- authorization ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Gestor_without_users_admin_gets_403_on_every_page_and_post_and_nothing_changes()
    {
        var target = await Users.CreateAsync(roles: ["Colaborador"]);
        using var targetClient = await Users.LoginAsync(target);
        var gestor = await Users.CreateAsync(roles: ["Gestor"]);
        using var client = await Users.LoginAsync(gestor);
        var before = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target.Id));
        var token = Unique();

        foreach (var url in new[] { "/admin/usuarios", "/admin/usuarios/novo", $"/admin/usuarios/{target.Id}/editar",
                     $"/admin/usuarios/{target.Id}/senha-temporaria", $"/admin/usuarios/{target.Id}/permissoes" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);

        var posts = new (string Url, KeyValuePair<string, string>[] Fields)[]
        {
            ("/admin/usuarios/novo", Fields(("Email", $"g{token}@teste.local"), ("Username", $"g{token}"), ("FullName", "Criado Pelo Gestor"), ("IsActive", "true"))),
            ($"/admin/usuarios/{target.Id}/editar", Fields(("Email", target.Email), ("Username", target.Username), ("FullName", "Alterado Pelo Gestor"),
                ("IsActive", "false"), ("Version", before.Version.ToString()))),
            ($"/admin/usuarios/{target.Id}/senha-temporaria", Fields(("Password", "outra senha longa de teste 99"))),
            ($"/admin/usuarios?handler=EndSessions&id={target.Id}", Fields()),
        };
        foreach (var (url, fields) in posts)
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/inicio", url, fields)).StatusCode);

        var after = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target.Id));
        Assert.Equal((before.FullName, before.IsActive, before.PasswordHash, before.Version), (after.FullName, after.IsActive, after.PasswordHash, after.Version));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == $"g{token}")));
        Assert.Equal(HttpStatusCode.OK, (await targetClient.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task Users_admin_holder_who_is_not_administrador_cannot_grant_or_touch_the_administrador_role()
    {
        var roleName = "Só usuários " + Unique();
        await App.WithDbAsync(async db =>
        {
            var role = new Role { Name = roleName, NameNormalized = TextNormalizer.Key(roleName), SortOrder = 99 };
            db.Roles.Add(role);
            db.PermissionGrants.Add(new PermissionGrant { PermissionCode = Permissions.UsersAdmin, Role = role });
            await db.SaveChangesAsync();
        });
        var manager = await Users.CreateAsync(roles: [roleName]);
        var target = await Users.CreateAsync(roles: ["Colaborador"], password: null);
        var adminRole = await RoleIdAsync(ReferenceData.AdministratorRoleName);
        var colaborador = await RoleIdAsync("Colaborador");
        var admin = Users.Administrator;
        var adminBefore = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == admin.Id));
        var targetVersion = await VersionAsync(target.Id);
        var token = Unique();
        using var client = await Users.LoginAsync(manager);

        // The form does not even offer it…
        var (_, form) = await client.GetPageAsync($"/admin/usuarios/{target.Id}/editar");
        Assert.True(form.QuerySelector($"input[name=RoleIds][value='{adminRole}']")!.HasAttribute("disabled"));

        // …and a crafted POST is refused.
        var grant = await client.PostFormAsync("/inicio", $"/admin/usuarios/{target.Id}/editar", Fields(
            ("Email", target.Email), ("Username", target.Username), ("FullName", "Promovido"), ("IsActive", "true"),
            ("RoleIds", colaborador.ToString()), ("RoleIds", adminRole.ToString()), ("Version", targetVersion.ToString())));
        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
        var create = await client.PostFormAsync("/inicio", "/admin/usuarios/novo", Fields(
            ("Email", $"adm{token}@teste.local"), ("Username", $"adm{token}"), ("FullName", "Novo Administrador"), ("IsActive", "true"),
            ("RoleIds", adminRole.ToString())));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        // A user who already is Administrador cannot be edited, get a temporary password or lose their sessions.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/usuarios/{admin.Id}/editar")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/usuarios/{admin.Id}/senha-temporaria")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/inicio", $"/admin/usuarios/{admin.Id}/editar", Fields(
            ("Email", admin.Email), ("Username", admin.Username), ("FullName", admin.FullName), ("IsActive", "false"),
            ("Version", adminBefore.Version.ToString())))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/inicio", $"/admin/usuarios/{admin.Id}/senha-temporaria",
            Fields(("Password", "senha do invasor bem comprida 1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/inicio", $"/admin/usuarios?handler=EndSessions&id={admin.Id}", Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/admin/usuarios/{admin.Id}/permissoes")).StatusCode);

        var targetAfter = await App.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == target.Id));
        Assert.Equal([colaborador], targetAfter.Roles.Select(r => r.RoleId));
        Assert.Equal(target.FullName, targetAfter.FullName);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == $"adm{token}")));
        var adminAfter = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == admin.Id));
        Assert.Equal((adminBefore.IsActive, adminBefore.PasswordHash, adminBefore.Version), (adminAfter.IsActive, adminAfter.PasswordHash, adminAfter.Version));

        // Ordinary users remain editable by this holder.
        var ok = await client.PostFormAsync("/inicio", $"/admin/usuarios/{target.Id}/editar", Fields(
            ("Email", target.Email), ("Username", target.Username), ("FullName", "Nome Corrigido"), ("IsActive", "true"),
            ("RoleIds", colaborador.ToString()), ("Version", targetVersion.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("Nome Corrigido", await App.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task Deactivating_or_demoting_the_only_active_administrator_is_refused()
    {
        await using var app = await PortalApp.StartAsync(App.Provider);
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        var admin = users.Administrator;
        var adminRole = await app.WithDbAsync(db => db.Roles.Where(r => r.IsAdministrator).Select(r => r.Id).SingleAsync());
        using var client = await users.LoginAsync(admin);
        var version = await app.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.Version).SingleAsync());

        foreach (var (active, roles) in new[] { ("false", new[] { adminRole }), ("true", Array.Empty<long>()) })
        {
            var fields = Fields(("Email", admin.Email), ("Username", admin.Username), ("FullName", admin.FullName), ("IsActive", active),
                ("Version", version.ToString())).Concat(roles.Select(r => new KeyValuePair<string, string>("RoleIds", r.ToString()))).ToArray();
            var response = await client.PostFormAsync($"/admin/usuarios/{admin.Id}/editar", null, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("É necessário manter pelo menos um administrador ativo.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == admin.Id));
        Assert.True(after.IsActive);
        Assert.Equal([adminRole], after.Roles.Select(r => r.RoleId));
        Assert.Equal(version, after.Version);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
    }

    // ---- effective permissions -------------------------------------------------------------------------------

    [Fact]
    public async Task Effective_permissions_show_origins_and_follow_sector_membership_changes()
    {
        var financeiro = await SectorIdAsync("Financeiro");
        var colaborador = await RoleIdAsync("Colaborador");
        var user = await Users.CreateAsync(roles: ["Colaborador"], sectors: ["Financeiro"], password: null);
        using var client = await Users.LoginAsync(Users.Administrator);

        var (response, page) = await client.GetPageAsync($"/admin/usuarios/{user.Id}/permissoes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Setor Financeiro"], Origins(page, "billing.access"));
        Assert.Equal(["Papel Colaborador"], Origins(page, "tasks.access"));
        Assert.Contains("Faturamento", page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));

        // Removing the sector through the edit form: the permission is gone on the next request.
        var edit = await client.PostFormAsync($"/admin/usuarios/{user.Id}/editar", null, Fields(
            ("Email", user.Email), ("Username", user.Username), ("FullName", user.FullName), ("IsActive", "true"),
            ("RoleIds", colaborador.ToString()), ("Version", (await VersionAsync(user.Id)).ToString())));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        (_, page) = await client.GetPageAsync($"/admin/usuarios/{user.Id}/permissoes");
        Assert.Null(Row(page, "billing.access"));
        Assert.False(await HasPermissionAsync(user.Id, "billing.access"));
        Assert.DoesNotContain(financeiro, await App.WithDbAsync(db => db.SectorMemberships.Where(m => m.UserId == user.Id).Select(m => m.SectorId).ToListAsync()));
    }

    [Fact]
    public async Task Renaming_a_sector_changes_only_the_label_of_the_origin()
    {
        var token = Unique();
        var sectorId = await CreateSectorAsync("Cobrança " + token, "billing.access");
        var user = await Users.CreateAsync(password: null);
        await App.WithDbAsync(async db =>
        {
            db.SectorMemberships.Add(new SectorMembership { UserId = user.Id, SectorId = sectorId });
            await db.SaveChangesAsync();
        });
        using var client = await Users.LoginAsync(Users.Administrator);
        var (_, page) = await client.GetPageAsync($"/admin/usuarios/{user.Id}/permissoes");
        Assert.Equal([$"Setor Cobrança {token}"], Origins(page, "billing.access"));

        await App.WithDbAsync(db => db.Sectors.Where(s => s.Id == sectorId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Name, "Renomeado " + token).SetProperty(s => s.NameNormalized, TextNormalizer.Key("Renomeado " + token))));

        (_, page) = await client.GetPageAsync($"/admin/usuarios/{user.Id}/permissoes");
        Assert.Equal([$"Setor Renomeado {token}"], Origins(page, "billing.access"));
        Assert.True(await HasPermissionAsync(user.Id, "billing.access"));
    }

    // ---- deactivation, sessions, temporary password ----------------------------------------------------------

    [Fact]
    public async Task Deactivation_ends_the_users_sessions_and_is_audited()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var userClient = await Users.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await userClient.GetAsync("/inicio")).StatusCode);
        using var client = await Users.LoginAsync(Users.Administrator);

        var response = await client.PostFormAsync($"/admin/usuarios/{user.Id}/editar", null, Fields(
            ("Email", user.Email), ("Username", user.Username), ("FullName", user.FullName), ("IsActive", "false"),
            ("RoleIds", (await RoleIdAsync("Colaborador")).ToString()), ("Version", (await VersionAsync(user.Id)).ToString())));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var next = await userClient.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/login", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user_deactivated" && a.ResourceId == user.Id.ToString())));
        Assert.False(await App.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == user.Id && s.RevokedAt == null)));
        using var again = App.NewClient();
        var login = await again.LoginAsync(user.Email, user.Password);
        Assert.Contains(LoginService.InactiveMessage, WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_sessions_logs_the_user_out_everywhere_and_is_audited()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var first = await Users.LoginAsync(user);
        using var second = await Users.LoginAsync(user);
        using var client = await Users.LoginAsync(Users.Administrator);

        var (_, list) = await client.GetPageAsync($"/admin/usuarios?q={user.Username}");
        Assert.Equal("2", list.QuerySelector("tbody tr span[title='Sessões ativas']")!.TextContent.Trim());
        var response = await client.PostFormAsync("/admin/usuarios", $"/admin/usuarios?handler=EndSessions&id={user.Id}",
            Fields(("returnUrl", $"/admin/usuarios?q={user.Username}")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/usuarios?q={user.Username}", response.Headers.Location!.OriginalString);
        foreach (var c in new[] { first, second })
            Assert.StartsWith("/login", (await c.GetAsync("/inicio")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == "session_revoked" && a.ResourceId == user.Id.ToString() && a.ActorUserId == Users.Administrator.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/usuarios")).StatusCode);
    }

    [Fact]
    public async Task Temporary_password_must_be_changed_at_next_login_and_follows_the_policy()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var userClient = await Users.LoginAsync(user);
        var hashBefore = await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());
        using var client = await Users.LoginAsync(Users.Administrator);
        var url = $"/admin/usuarios/{user.Id}/senha-temporaria";

        var weak = await client.PostFormAsync(url, ("Password", "abc12345678"));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("A senha deve ter pelo menos 12 caracteres.", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var empty = await client.PostFormAsync(url, ("Password", ""));
        Assert.Contains("Campo obrigatório.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(hashBefore, await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await userClient.GetAsync("/inicio")).StatusCode);

        const string temporary = "senha temporaria bem comprida 7";
        var ok = await client.PostFormAsync(url, ("Password", temporary));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        Assert.StartsWith("/login", (await userClient.GetAsync("/inicio")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var again = App.NewClient();
        Assert.Equal("/perfil/senha", (await again.LoginAsync(user.Email, temporary)).Headers.Location!.OriginalString);
        Assert.Equal("/perfil/senha", (await again.GetAsync("/inicio")).Headers.Location!.OriginalString);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "temporary_password_set" && a.ResourceId == user.Id.ToString())));
    }

    // ---- concurrency (PLT-01) --------------------------------------------------------------------------------

    [Fact]
    public async Task Stale_version_shows_the_conflict_with_current_values_and_keeps_the_other_edit()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"], password: null);
        using var client = await Users.LoginAsync(Users.Administrator);
        var url = $"/admin/usuarios/{user.Id}/editar";
        var (_, form) = await client.GetPageAsync(url);
        var staleVersion = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var colaborador = await RoleIdAsync("Colaborador");

        await OtherEditAsync(user.Id, u => u with { FullName = "Nome Dado Por Outra Pessoa" });

        var response = await client.PostFormAsync(url, null, Fields(
            ("Email", user.Email), ("Username", user.Username), ("FullName", "Meu Nome Novo"), ("IsActive", "true"),
            ("RoleIds", colaborador.ToString()), ("Version", staleVersion)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(Conflict, page.Body!.TextContent, StringComparison.Ordinal);
        var name = page.QuerySelector("input[name=FullName]")!;
        Assert.Equal("Nome Dado Por Outra Pessoa", name.GetAttribute("value"));
        Assert.Contains("is-invalid", name.ClassList);
        Assert.DoesNotContain("is-invalid", page.QuerySelector("input[name=Email]")!.ClassList);
        Assert.Contains("Você tinha informado: Meu Nome Novo", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Nome Dado Por Outra Pessoa", await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).SingleAsync()));
        // OPS-16: the refused change left no audit entry (it was staged in the same, rolled-back unit of work).
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ResourceId == user.Id.ToString() && a.ChangesJson!.Contains("Meu Nome Novo"))));

        // Saving again from the refreshed form works.
        var fresh = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.NotEqual(staleVersion, fresh);
        var retry = await client.PostFormAsync(url, null, Fields(
            ("Email", user.Email), ("Username", user.Username), ("FullName", "Meu Nome Novo"), ("IsActive", "true"),
            ("RoleIds", colaborador.ToString()), ("Version", fresh)));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("Meu Nome Novo", await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task Stale_version_also_protects_an_edit_that_only_changed_sectors()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"], password: null);
        var fiscal = await SectorIdAsync("Fiscal");
        var pessoal = await SectorIdAsync("Pessoal");
        using var client = await Users.LoginAsync(Users.Administrator);
        var url = $"/admin/usuarios/{user.Id}/editar";
        var stale = await VersionAsync(user.Id);

        await OtherEditAsync(user.Id, u => u with { SectorIds = [fiscal] });

        var response = await client.PostFormAsync(url, null, Fields(
            ("Email", user.Email), ("Username", user.Username), ("FullName", user.FullName), ("IsActive", "true"),
            ("SectorIds", pessoal.ToString()), ("RoleIds", (await RoleIdAsync("Colaborador")).ToString()), ("Version", stale.ToString())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(Conflict, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector($"input[name=SectorIds][value='{fiscal}']")!.HasAttribute("checked"));
        Assert.Contains("Você tinha marcado: Pessoal", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([fiscal], await App.WithDbAsync(db => db.SectorMemberships.Where(m => m.UserId == user.Id).Select(m => m.SectorId).ToListAsync()));
    }

    // ---- not found -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Unknown_user_ids_are_404()
    {
        using var client = await Users.LoginAsync(Users.Administrator);
        const long missing = 987_654_321;
        foreach (var url in new[] { $"/admin/usuarios/{missing}/editar", $"/admin/usuarios/{missing}/senha-temporaria", $"/admin/usuarios/{missing}/permissoes" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/admin/usuarios", $"/admin/usuarios/{missing}/editar",
            Fields(("Email", "x@teste.local"), ("Username", "xxx"), ("FullName", "Xx"), ("Version", "1")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/admin/usuarios", $"/admin/usuarios/{missing}/senha-temporaria",
            Fields(("Password", "uma senha qualquer comprida")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/admin/usuarios", $"/admin/usuarios?handler=EndSessions&id={missing}", Fields())).StatusCode);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private static KeyValuePair<string, string>[] Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToArray();

    private static User NewUser(string fullName, string username) => new()
    {
        FullName = fullName, Username = username, Email = username + "@teste.local",
    };

    private static List<string> RowNames(IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement? Row(IHtmlDocument page, string code) => page.QuerySelector($"tr[data-permission='{code}']");

    private static List<string> Origins(IHtmlDocument page, string code) =>
        Row(page, code)!.QuerySelectorAll(".badge").Select(b => b.TextContent.Trim()).ToList();

    private Task<long> SectorIdAsync(string name) => App.WithDbAsync(db => db.Sectors.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    private Task<long> RoleIdAsync(string name) => App.WithDbAsync(db => db.Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

    private Task<int> VersionAsync(long userId) => App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Version).SingleAsync());

    private async Task<bool> HasPermissionAsync(long userId, string code)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PermissionService>().LoadAsync(userId)).Has(code);
    }

    private Task<long> CreateSectorAsync(string name, params string[] grants) => App.WithDbAsync(async db =>
    {
        var sector = new Sector { Name = name, NameNormalized = TextNormalizer.Key(name), SortOrder = 999 };
        db.Sectors.Add(sector);
        foreach (var code in grants) db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, Sector = sector });
        await db.SaveChangesAsync();
        return sector.Id;
    });

    /// <summary>Another administrator saving the same user through the real service in between.</summary>
    private async Task OtherEditAsync(long userId, Func<UserInput, UserInput> change)
    {
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var user = await db.Users.AsNoTracking().Include(u => u.Sectors).Include(u => u.Roles).SingleAsync(u => u.Id == userId);
            var input = change(new UserInput(user.Email, user.Username, user.FullName, user.IsActive,
                user.Sectors.Select(s => s.SectorId).ToList(), user.Roles.Select(r => r.RoleId).ToList()));
            var result = await sp.GetRequiredService<UserAccounts>().UpdateAsync(userId, input, user.Version, actorIsAdministrator: true);
            Assert.True(result.Succeeded);
        });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserAdminTestsSqlite(SqlitePortal portal) : UserAdminTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class UserAdminTestsMySql(MySqlPortal portal) : UserAdminTests(portal);
