using Portal.Features.Account;
using Portal.Features.Admin;
using Portal.Features.Clients;
using Portal.Features.Home;
using Portal.Features.Import;
using Portal.Features.Notifications;
using Portal.Features.Tasks;
using Portal.Platform;
using Portal.Platform.Api;
using Portal.Platform.Cli;
using Portal.Platform.Configuration;
using Portal.Platform.Files;
using Portal.Platform.Health;
using Portal.Platform.Hosting;
using Portal.Platform.Logging;
using Portal.Platform.Ops;
using Portal.Platform.Ops.Certificates;
using Portal.Platform.Realtime;
using Portal.Platform.Security;
using Portal.Platform.Settings;
using Portal.Platform.Setup;
using Portal.Platform.Web;

// Start-up follows the seed's flowchart §3 / operations.md §3: configuration → validation → database → migrations →
// reference data → first-run setup → listen.
// `--demo` is a switch, not a key=value pair: turn it into configuration before the command-line provider sees it.
var demo = args.Contains("--demo");
args = [.. args.Where(a => a != "--demo")];
// Same for import-legacy's switches: a bare "--dry-run" would swallow the next argument as its value.
args = [.. args.Select(a => a is "--dry-run" or "--update" ? a + "=true" : a)];
var builder = WebApplication.CreateBuilder(args);
var paths = builder.AddPortalConfiguration(args);
builder.AddPortalLogging(paths);
builder.AddPortalServiceHosting();
builder.AddPlatform(paths);
builder.AddOperations(paths);
builder.AddAccount();
builder.AddHome();
builder.AddAdmin();
builder.AddClients();
builder.AddNotifications();
builder.AddTasks();
builder.AddImportWizard();
builder.Services.AddRealtime(builder.Configuration);

var app = builder.Build();
if (PortalCli.IsCommand(args)) return await PortalCli.RunAsync(app, args);
try
{
    await PortalStartup.PrepareAsync(app, demo || app.Configuration.GetValue<bool>("Portal:Demo"));
}
catch (StartupException ex)
{
    app.Logger.LogCritical(ex, "Falha na inicialização: {Message}", ex.Message);
    Console.Error.WriteLine(ex.Message);
    await app.DisposeAsync(); // flushes the log files
    return 1;
}

// The request path of the seed's flowchart §1: proxy headers → HTTPS → compression → static files → security headers
// → authentication (session cookie; bearer token under /api/v1) → first-run/forced-password gate → rate limits
// → authorization → antiforgery → endpoints.
app.UseForwardedHeaders();
app.UseProxyObservations();
app.UseMiddleware<RequestIdMiddleware>();
app.UsePortalRequestLogging();
app.UsePortalHttps();
app.UseResponseCompression();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UsePortalErrorPages();
app.UseRouting();
app.UseMiddleware<RequestSizeGuardMiddleware>();
app.UseAuthentication();
app.UseMiddleware<SetupRedirectMiddleware>();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

// Static assets are endpoints too: without AllowAnonymous the fallback policy sends the login page's own CSS and JS
// to /login (unstyled login and setup pages).
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
var api = app.MapApiV1();
app.MapAccount(api);
app.MapAdmin(api);
app.MapClients(api);
app.MapTasks(api);
app.MapNotifications(api);
app.MapImportWizard();
app.MapPortalHealth();
app.MapOperations();
app.MapBranding();
app.MapPortalFiles();
app.MapRealtime(api);

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Portal iniciado — versão {Version}, ambiente {Environment}, banco {Database}, escutando em {Urls}",
        PortalCli.Version, app.Environment.EnvironmentName,
        app.Services.GetRequiredService<Portal.Platform.Data.DatabaseProvider>().Kind, string.Join(", ", app.Urls)));
await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory in tests.</summary>
public partial class Program;
