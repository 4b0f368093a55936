using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Settings;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>
/// "Documentação da API pública" (api.md §2, API-16's exception): when an administrator turns it on, the docs page and
/// both copies of the document open without signing in; every other /api/v1 route still needs a token.
/// Portal-wide state, so it runs on the global-state apps.
/// </summary>
public abstract class OpenApiPublicDocsTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string SettingsPage = "/admin/configuracoes";
    private static readonly string[] DocsPaths = ["/api/docs", "/api/docs/openapi.json", "/api/docs/scalar.js", "/api/v1/openapi.json"];

    [Fact]
    public async Task Turning_the_setting_on_opens_the_documentation_to_anonymous_callers_only()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var (_, form) = await admin.GetPageAsync(SettingsPage);
        var box = form.QuerySelector("input[type=checkbox][name='Security.ApiDocsPublic']");
        Assert.NotNull(box);
        Assert.False(box.HasAttribute("checked"));
        Assert.Equal("Documentação da API pública", form.QuerySelector($"label[for='{box.Id}']")!.TextContent.Trim());

        using var anonymous = App.NewClient();
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostSecurityAsync(admin, apiDocsPublic: true)).StatusCode);
            Assert.Equal("true", await App.WithDbAsync(db => db.SystemSettings.Where(s => s.Key == SettingKeys.ApiDocsPublic).Select(s => s.Value).SingleAsync()));
            var entry = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "settings_changed" && a.ResourceId == "security")
                .OrderByDescending(a => a.Id).FirstAsync());
            Assert.Contains(SettingKeys.ApiDocsPublic, entry.ChangesJson, StringComparison.Ordinal);
            var (_, saved) = await admin.GetPageAsync(SettingsPage);
            Assert.True(saved.QuerySelector("input[type=checkbox][name='Security.ApiDocsPublic']")!.HasAttribute("checked"));

            foreach (var path in DocsPaths)
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
            var me = await anonymous.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            Assert.Contains("missing_token", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostSecurityAsync(admin, apiDocsPublic: false)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/api/docs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/openapi.json")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostSecurityAsync(TestClient client, bool apiDocsPublic)
    {
        var fields = new List<(string, string)>
        {
            ("Security.PasswordMinLength", "12"), ("Security.SessionIdleHours", "8"), ("Security.SessionAbsoluteHours", "12"),
            ("Security.PersistentIdleDays", "7"), ("Security.PersistentAbsoluteDays", "30"), ("Security.DefaultPageSize", "50"),
        };
        // As a browser posts a checked switch (the tag helper's hidden "false" field follows it).
        if (apiDocsPublic) fields.Add(("Security.ApiDocsPublic", "true"));
        fields.Add(("Security.ApiDocsPublic", "false"));
        return client.PostFormAsync(SettingsPage, SettingsPage + "?handler=Security",
            fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
    }
}

[Collection(GlobalStateSqliteCollection.Name)]
public sealed class OpenApiPublicDocsTestsSqlite(GlobalStateSqlitePortal portal) : OpenApiPublicDocsTests(portal);

[Collection(GlobalStateMySqlCollection.Name)]
public sealed class OpenApiPublicDocsTestsMySql(GlobalStateMySqlPortal portal) : OpenApiPublicDocsTests(portal);
