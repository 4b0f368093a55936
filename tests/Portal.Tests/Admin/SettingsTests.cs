using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Audit;
using Portal.Platform.Settings;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>platform.md §12, identity.md §6–§8: Administração › Configurações.</summary>
public abstract class SettingsTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Page = "/admin/configuracoes";

    [Fact]
    public async Task Saved_branding_shows_in_title_top_bar_and_brand_colour_for_another_user()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var firm = "Escritório " + Guid.NewGuid().ToString("N")[..8];
        var response = await PostBrandingAsync(admin, firm, "#1A7F37", shortName: "Esc", privacy: "Usamos cookies essenciais.\nNada mais.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page + "#identidade-visual", response.Headers.Location?.OriginalString);

        var (_, after) = await admin.GetPageAsync(Page);
        Assert.Contains("Configurações salvas.", after.QuerySelector("#toasts")!.TextContent);

        var colleague = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(colleague);
        var (_, home) = await client.GetPageAsync("/inicio");
        Assert.EndsWith("· " + firm, home.Title);
        Assert.Contains(firm, home.QuerySelector(".portal-brand")!.TextContent);
        Assert.Equal("#1a7f37", home.QuerySelector("meta[name=portal-brand]")!.GetAttribute("content"));
        var (_, privacy) = await client.GetPageAsync("/privacidade");
        Assert.Contains("Nada mais.", privacy.QuerySelector("main")!.TextContent);

        var entry = await LatestAuditAsync("settings_changed", "branding");
        Assert.Equal(Users.Administrator.Id, entry.ActorUserId);
        Assert.Contains(AuditLog.ParseChanges(entry.ChangesJson), c => c.Field == SettingKeys.FirmName && c.New == firm);
    }

    [Fact]
    public async Task Invalid_colour_and_too_long_name_show_pt_br_field_errors_and_save_nothing()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var before = await SettingAsync(SettingKeys.FirmName);
        var response = await PostBrandingAsync(admin, new string('x', 121), "azul", shortName: new string('y', 41));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Máximo de 120 caracteres.", FieldError(doc, "Branding.FirmName"));
        Assert.Equal("Máximo de 40 caracteres.", FieldError(doc, "Branding.ShortName"));
        Assert.Equal("Informe a cor no formato #RRGGBB (ex.: #0b288b).", FieldError(doc, "Branding.PrimaryColor"));
        Assert.Equal(before, await SettingAsync(SettingKeys.FirmName));
        Assert.NotEqual("azul", await SettingAsync(SettingKeys.PrimaryColor));

        var empty = await PostBrandingAsync(admin, " ", "#123456");
        Assert.Equal("Campo obrigatório.", FieldError(TestClient.Parse(await empty.Content.ReadAsStringAsync()), "Branding.FirmName"));
        Assert.Equal(before, await SettingAsync(SettingKeys.FirmName));
    }

    [Fact]
    public async Task Security_settings_are_saved_and_a_minimum_password_length_below_8_is_refused()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var refused = await PostSecurityAsync(admin, minLength: "7");
        var doc = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Informe um número inteiro entre 8 e 128.", FieldError(doc, "Security.PasswordMinLength"));
        var idle = TestClient.Parse(await (await PostSecurityAsync(admin, idleHours: "13", absoluteHours: "12")).Content.ReadAsStringAsync());
        Assert.Equal("A inatividade não pode ser maior que a duração máxima.", FieldError(idle, "Security.SessionIdleHours"));
        var text = TestClient.Parse(await (await PostSecurityAsync(admin, pageSize: "muitos")).Content.ReadAsStringAsync());
        Assert.Equal("Informe um número inteiro entre 10 e 200.", FieldError(text, "Security.DefaultPageSize"));
        Assert.NotEqual("7", await SettingAsync(SettingKeys.PasswordMinLength));

        try
        {
            var ok = await PostSecurityAsync(admin, minLength: "14", idleHours: "4", absoluteHours: "10", idleDays: "5", absoluteDays: "20", pageSize: "25");
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Equal("14", await SettingAsync(SettingKeys.PasswordMinLength));
            Assert.Equal("4", await SettingAsync(SettingKeys.SessionIdleHours));
            Assert.Equal("20", await SettingAsync(SettingKeys.PersistentAbsoluteDays));
            Assert.Equal("25", await SettingAsync(SettingKeys.DefaultPageSize));
            var entry = await LatestAuditAsync("settings_changed", "security");
            Assert.Contains(AuditLog.ParseChanges(entry.ChangesJson), c => c.Field == SettingKeys.PasswordMinLength && c.New == "14");

            // The new minimum is what the password form now enforces.
            var (_, form) = await admin.GetPageAsync("/perfil/senha");
            Assert.Contains("Pelo menos 14 caracteres", form.QuerySelector("#new-help")!.TextContent);
        }
        finally
        {
            await PostSecurityAsync(admin);
        }
    }

    [Fact]
    public async Task Smtp_password_is_stored_encrypted_never_rendered_and_audited_as_redacted()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var secret = "senha-smtp-" + Guid.NewGuid().ToString("N");
        var saved = await PostSmtpAsync(admin, ("Smtp.Password", secret));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stored = await SettingAsync(SettingKeys.SmtpPassword);
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.DoesNotContain(secret, stored);
        Assert.Equal(secret, await RevealAsync(SettingKeys.SmtpPassword));
        Assert.Equal("smtp.exemplo.com.br", await SettingAsync(SettingKeys.SmtpHost));

        var entry = await LatestAuditAsync("integration_changed", "smtp");
        Assert.DoesNotContain(secret, entry.ChangesJson);
        var change = Assert.Single(AuditLog.ParseChanges(entry.ChangesJson), c => c.Field == SettingKeys.SmtpPassword);
        Assert.Equal("***", change.Old);
        Assert.Equal("alterada", change.New);

        var response = await admin.GetAsync(Page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, html);
        Assert.DoesNotContain(stored!, html);
        var doc = TestClient.Parse(html);
        Assert.Contains("••••• (configurado)", doc.QuerySelector("#email")!.TextContent);
        Assert.Equal("", doc.QuerySelector("#Smtp_Password")!.GetAttribute("value") ?? "");

        // Blank keeps it; "Remover senha" clears it.
        await PostSmtpAsync(admin, ("Smtp.Password", ""));
        Assert.Equal(secret, await RevealAsync(SettingKeys.SmtpPassword));
        var both = await PostSmtpAsync(admin, ("Smtp.Password", "outra"), ("Smtp.RemovePassword", "true"));
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(secret, await RevealAsync(SettingKeys.SmtpPassword));
        await PostSmtpAsync(admin, ("Smtp.RemovePassword", "true"));
        Assert.Null(await SettingAsync(SettingKeys.SmtpPassword));
        var (_, cleared) = await admin.GetPageAsync(Page);
        Assert.DoesNotContain("••••• (configurado)", cleared.QuerySelector("#email")!.TextContent);
    }

    [Fact]
    public async Task Smtp_fields_are_validated_in_pt_br()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var before = await SettingAsync(SettingKeys.SmtpHost);
        var response = await admin.PostFormAsync(Page, Page + "?handler=Smtp", Fields(
            ("Smtp.Host", "smtp exemplo"), ("Smtp.Port", "70000"), ("Smtp.Security", "tls13"),
            ("Smtp.FromAddress", "não é e-mail"), ("Smtp.ReplyTo", "x@")));
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Servidor inválido.", FieldError(doc, "Smtp.Host"));
        Assert.Equal("Informe um número inteiro entre 1 e 65535.", FieldError(doc, "Smtp.Port"));
        Assert.Equal("Opção inválida.", FieldError(doc, "Smtp.Security"));
        Assert.Equal("E-mail inválido.", FieldError(doc, "Smtp.FromAddress"));
        Assert.Equal("E-mail inválido.", FieldError(doc, "Smtp.ReplyTo"));

        var noSender = await admin.PostFormAsync(Page, Page + "?handler=Smtp", Fields(("Smtp.Host", "mail.exemplo.com"), ("Smtp.Port", "587"), ("Smtp.Security", "starttls")));
        Assert.Equal("Campo obrigatório.", FieldError(TestClient.Parse(await noSender.Content.ReadAsStringAsync()), "Smtp.FromAddress"));
        Assert.Equal(before, await SettingAsync(SettingKeys.SmtpHost));
    }

    [Fact]
    public async Task Criar_conta_cannot_be_saved_without_an_allowed_domain()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (_, page) = await admin.GetPageAsync(Page);
        var collaborator = page.QuerySelectorAll("#Google_AutoCreateRoleId option").Single(o => o.TextContent == "Colaborador");
        Assert.True(collaborator.HasAttribute("selected"));
        Assert.DoesNotContain(page.QuerySelectorAll("#Google_AutoCreateRoleId option"), o => o.TextContent == "Administrador");
        var roleId = collaborator.GetAttribute("value")!;
        // An error re-render lands on the section that was posted.
        Assert.Equal(Page + "?handler=Google#google", page.QuerySelector("#google form")!.GetAttribute("action"));

        var refused = await PostGoogleAsync(admin, domains: " ", autoCreate: "create", roleId: roleId);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Informe ao menos um domínio permitido para criar contas automaticamente.", FieldError(doc, "Google.AllowedDomains"));
        Assert.NotEqual("true", await SettingAsync(SettingKeys.GoogleAutoCreate));

        var invalid = await PostGoogleAsync(admin, domains: "exemplo.com.br, não", autoCreate: "create", roleId: roleId);
        Assert.Equal("Domínio inválido: não.", FieldError(TestClient.Parse(await invalid.Content.ReadAsStringAsync()), "Google.AllowedDomains"));

        var secret = "segredo-google-" + Guid.NewGuid().ToString("N");
        var ok = await PostGoogleAsync(admin, domains: "Exemplo.com.br\n@filial.com.br, exemplo.com.br", autoCreate: "create", roleId: roleId, secret: secret, syncName: false);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("exemplo.com.br\nfilial.com.br", await SettingAsync(SettingKeys.GoogleAllowedDomains));
        Assert.Equal("true", await SettingAsync(SettingKeys.GoogleAutoCreate));
        Assert.Equal(roleId, await SettingAsync(SettingKeys.GoogleAutoCreateRoleId));
        Assert.Equal("false", await SettingAsync(SettingKeys.GoogleSyncName));
        Assert.Equal(secret, await RevealAsync(SettingKeys.GoogleClientSecret));
        var entry = await LatestAuditAsync("integration_changed", "google");
        Assert.DoesNotContain(secret, entry.ChangesJson);
        var html = await (await admin.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, html);
        Assert.True(TestClient.Parse(html).QuerySelector("#google-auto-create")!.HasAttribute("checked"));

        // Back to the defaults, so Google sign-in stays off for the other tests of this app.
        var off = await PostGoogleAsync(admin, domains: "", autoCreate: "off", roleId: roleId, clientId: "", removeSecret: true);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Null(await SettingAsync(SettingKeys.GoogleClientSecret));
    }

    [Fact]
    public async Task Users_without_settings_manage_get_403_and_change_nothing()
    {
        var colleague = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);

        var before = await SettingAsync(SettingKeys.FirmName);
        var token = await client.TokenFromAsync("/perfil");
        foreach (var (handler, fields) in new[]
        {
            ("Branding", new[] { ("Branding.FirmName", "Invasor"), ("Branding.PrimaryColor", "#000000") }),
            ("Security", new[] { ("Security.PasswordMinLength", "8") }),
            ("Smtp", new[] { ("Smtp.Host", "evil.example"), ("Smtp.Port", "25"), ("Smtp.Security", "none") }),
            ("RemoveLogo", Array.Empty<(string, string)>()),
        })
        {
            var body = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token));
            var response = await client.Http.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(body));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(before, await SettingAsync(SettingKeys.FirmName));
        Assert.NotEqual("evil.example", await SettingAsync(SettingKeys.SmtpHost));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorUserId == colleague.Id && a.Action == "settings_changed")));
    }

    // ---- helpers ------------------------------------------------------------

    internal static async Task<HttpResponseMessage> PostBrandingAsync(TestClient client, string firm, string color, string? shortName = null, string? privacy = null)
    {
        var token = await client.TokenFromAsync(Page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(firm), "Branding.FirmName" },
            { new StringContent(color), "Branding.PrimaryColor" },
            { new StringContent(shortName ?? ""), "Branding.ShortName" },
            { new StringContent(privacy ?? ""), "Branding.PrivacyText" },
        };
        return await client.Http.PostAsync(Page + "?handler=Branding", form);
    }

    private static Task<HttpResponseMessage> PostSecurityAsync(TestClient client, string minLength = "12", string idleHours = "8", string absoluteHours = "12",
        string idleDays = "7", string absoluteDays = "30", string pageSize = "50") =>
        client.PostFormAsync(Page, Page + "?handler=Security", Fields(
            ("Security.PasswordMinLength", minLength), ("Security.SessionIdleHours", idleHours), ("Security.SessionAbsoluteHours", absoluteHours),
            ("Security.PersistentIdleDays", idleDays), ("Security.PersistentAbsoluteDays", absoluteDays), ("Security.DefaultPageSize", pageSize)));

    private static Task<HttpResponseMessage> PostSmtpAsync(TestClient client, params (string, string)[] extra) =>
        client.PostFormAsync(Page, Page + "?handler=Smtp", Fields([
            ("Smtp.Host", "smtp.exemplo.com.br"), ("Smtp.Port", "587"), ("Smtp.Security", "starttls"), ("Smtp.User", "portal"),
            ("Smtp.FromAddress", "portal@exemplo.com.br"), ("Smtp.FromName", "Portal"), .. extra]));

    private static Task<HttpResponseMessage> PostGoogleAsync(TestClient client, string domains, string autoCreate, string roleId,
        string clientId = "123-abc.apps.googleusercontent.com", string secret = "", bool syncName = true, bool removeSecret = false) =>
        client.PostFormAsync(Page, Page + "?handler=Google", Fields(
            ("Google.ClientId", clientId), ("Google.ClientSecret", secret), ("Google.AllowedDomains", domains),
            ("Google.AutoCreate", autoCreate), ("Google.AutoCreateRoleId", roleId), ("Google.SyncName", syncName ? "true" : "false"),
            ("Google.RemoveSecret", removeSecret ? "true" : "false")));

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    /// <summary>
    /// The message under a field: client validation is off, so spans carry no data-valmsg-for; the field's group is
    /// the nearest ancestor of its control that holds a validation span.
    /// </summary>
    internal static string? FieldError(IHtmlDocument doc, string field)
    {
        var control = doc.QuerySelector($"[name='{field}']") ?? throw new InvalidOperationException($"No field {field}.");
        for (var element = control.ParentElement; element is not null; element = element.ParentElement)
        {
            var span = element.QuerySelector(".field-validation-error, .field-validation-valid");
            if (span is not null) return span.TextContent.Trim() is { Length: > 0 } text ? text : null;
        }
        return null;
    }

    private Task<string?> SettingAsync(string key) =>
        App.WithDbAsync(db => db.SystemSettings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync());

    private async Task<string?> RevealAsync(string key)
    {
        string? value = null;
        await App.WithScopeAsync(async sp =>
        {
            var settings = sp.GetRequiredService<SettingsService>();
            settings.Invalidate();
            value = settings.RevealSecret(await settings.GetAsync(), key);
        });
        return value;
    }

    private Task<AuditEntry> LatestAuditAsync(string action, string section) =>
        App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.ResourceId == section)
            .OrderByDescending(a => a.Id).FirstAsync());
}

[Collection(GlobalStateSqliteCollection.Name)]
public sealed class SettingsTestsSqlite(GlobalStateSqlitePortal portal) : SettingsTests(portal);

[Collection(GlobalStateMySqlCollection.Name)]
public sealed class SettingsTestsMySql(GlobalStateMySqlPortal portal) : SettingsTests(portal);
