using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>
/// One headless Chromium per test class (launching costs ~1 s; contexts are cheap and isolated). The browser is
/// Debian's (PORTAL_TEST_CHROMIUM, set by scripts/test.sh): Playwright's own download is not available here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Signs in through the login form (from the current page when it already is the login page).</summary>
    public static async Task LoginAsync(IPage page, TestUser user)
    {
        if (!page.Url.EndsWith("/login", StringComparison.Ordinal)) await page.GotoAsync("/login");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(user.Email);
        await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inicio$"));
    }

    // Nothing in the tests may depend on Google's services or a GPU; QUIC is off so every request goes over
    // plain HTTP to Kestrel.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private const float ActionTimeout = 30_000;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ActionTimeout);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// A fresh context (own cookies) on <paramref name="baseUrl"/>. Its own client IP (X-Forwarded-For from the
    /// trusted loopback proxy, as TestClient does) keeps the per-IP login limit of other tests out of the way.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, ViewportSize? viewport = null, string? storageState = null)
    {
        var size = viewport ?? Desktop;
        var phone = size.Width < 576;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString().TrimEnd('/'),
            ViewportSize = size,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "pt-BR",
            TimezoneId = "America/Sao_Paulo",
            StorageState = storageState,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = RandomIp() },
        });
        // Generous limits: they only matter when something is wrong, and a busy CI machine (password hashing on
        // every login) must not turn a slow step into a failure. A passing run is still a few seconds.
        context.SetDefaultTimeout(ActionTimeout);
        context.SetDefaultNavigationTimeout(ActionTimeout);
        return context;
    }

    public static string ScreenshotDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PORTAL_TEST_RESULTS") is { Length: > 0 } results
                ? results
                : Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), "TestResults");
            var dir = Path.Combine(root, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    /// <summary>
    /// Screenshots of one screen for reviewers (UI.md "Checking it"): the desktop page as it is, then the same URL
    /// opened at phone size with the same cookies.
    /// </summary>
    public async Task ScreenshotBothAsync(IPage page, string name, BrowserProblems? problems = null)
    {
        await ScreenshotAsync(page, name + "-desktop");
        var state = await page.Context.StorageStateAsync();
        var baseUrl = new Uri(new Uri(page.Url).GetLeftPart(UriPartial.Authority));
        await using var phone = await NewContextAsync(baseUrl, Phone, state);
        if (problems is not null) await problems.WatchAsync(phone);
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync(page.Url);
        await ScreenshotAsync(phonePage, name + "-phone");
        await AssertNoHorizontalScrollAsync(phonePage);
    }

    /// <summary>A page wider than the phone (something that does not wrap or shrink) is a broken layout.</summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{page.Url} is {scroll}px wide on a {client}px screen");
    }

    /// <summary>Runs a test body; on failure saves a screenshot of <paramref name="page"/> before rethrowing.</summary>
    public static async Task RunAsync(IPage page, string testName, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception)
        {
            try { await ScreenshotAsync(page, "FAILED-" + testName); }
            catch (Exception) { } // the page may already be gone; the original failure matters more
            throw;
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.slnx"))) return dir.FullName;
        return null;
    }

    private static string RandomIp() => $"10.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 254)}";
}
