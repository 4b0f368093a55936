using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.ResponseCompression;
using Portal.Platform.Api;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Configuration;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Files;
using Portal.Platform.Ops.Import;
using Portal.Platform.Identity;
using Portal.Platform.Jobs;
using Portal.Platform.Lookups;
using Portal.Platform.RichText;
using Portal.Platform.Security;
using Portal.Platform.Settings;
using Portal.Platform.Setup;
using Portal.Platform.Web;

namespace Portal.Platform;

/// <summary>Registers the cross-cutting services every feature relies on.</summary>
public static class PlatformModule
{
    public const long MaxRequestBodyBytes = 30 * 1024 * 1024;
    private const string PortalScheme = "Portal";

    public static void AddPlatform(this WebApplicationBuilder builder, PortalPaths paths)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();

        DatabaseProvider.AddPortalDb(services, DatabaseProvider.FromConfiguration(config, paths));
        KeyProtection.AddPortalDataProtection(builder, paths);

        services.AddScoped<AuditActor>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<AuditActor>());
        services.AddScoped<AuditLog>();
        services.AddScoped<SettingsService>();
        services.AddScoped<AttemptLimiter>();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<SessionCookie>();
        services.AddScoped<SessionService>();
        services.AddScoped<LoginService>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<PermissionService>();
        services.AddSingleton(PermissionService.Tables);
        services.AddSingleton(SessionService.Tables);
        services.AddScoped<CurrentUser>();
        services.AddScoped<StartPages>();
        services.AddSingleton<SetupState>();
        services.AddScoped<DemoData>();
        services.AddScoped<SetupService>();
        services.AddPortalEmail();
        services.AddScoped<Shell>();
        services.AddScoped<Views.SavedViews>();
        services.AddSingleton(Views.SavedViews.Tables);
        services.AddScoped<Views.SavedViewHandlers>();
        services.AddPortalFiles();
        services.AddPortalRichText();
        services.AddLegacyImport();
        services.AddPortalLookups();
        builder.AddPortalJobs();
        services.AddJobRunRetention();

        // Pages authenticate with the session cookie, /api/v1 only with bearer tokens (the cookie is ignored there).
        services.AddAuthentication(PortalScheme)
            .AddPolicyScheme(PortalScheme, null, o => o.ForwardDefaultSelector = http =>
                ApiModule.IsApiRequest(http) ? ApiBearerHandler.SchemeName : SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddPortalApi(config);
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        // Deny by default: every endpoint needs a signed-in, active user unless it opts out (spec README §6.1).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var secureCookies = config.GetTlsMode(builder.Environment) != TlsMode.None;
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = secureCookies ? "__Host-portal_csrf" : "portal_csrf";
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.ConfigureFilter(new CsrfFailureFilter());
            })
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        // The shell (layout, partials) lives in Platform/Web, not in a Pages/Shared folder.
        services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Platform/Web/{0}.cshtml"));

        // pt-BR text goes out as UTF-8, not as &#xE1; entities: smaller pages and less encoding work (markup
        // characters are still escaped).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<ForwardedHeadersOptions>(o => ConfigureForwardedHeaders(o, config));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Odd Authorization values (non-ASCII bytes) must reach the bearer handler and get its 401, not a 400.
            k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
    }

    /// <summary>Forwarded headers are believed only from the configured proxies (operations.md §1).</summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions o, IConfiguration config)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        o.ForwardLimit = null;
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        var list = config["ForwardedHeaders:KnownProxies"] ?? "127.0.0.1, ::1";
        foreach (var item in list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item.Contains('/', StringComparison.Ordinal)) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(item));
            else if (IPAddress.TryParse(item, out var address)) o.KnownProxies.Add(address);
            else throw new StartupException($"ForwardedHeaders:KnownProxies inválido: '{item}'.");
        }
        var hosts = config["Portal:PublicUrl"] is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? new[] { u.Authority } : [];
        o.AllowedHosts = hosts;
    }
}
