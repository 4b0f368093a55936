using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// Collects what a reviewer would see in DevTools while tests click around: CSP violations (console and the
/// securitypolicyviolation event), console errors, failed requests and static assets answering 4xx/5xx.
/// </summary>
public sealed partial class BrowserProblems
{
    private static readonly string[] StaticPrefixes = ["/lib/", "/css/", "/js/", "/img/"];

    // Runs in every document before the page's own scripts; Playwright injects it outside the page's CSP.
    private const string ViolationListener = """
        document.addEventListener('securitypolicyviolation', (e) => {
          window.portalCspViolation?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}:${e.lineNumber} ${e.sample || ''}`);
        }, true);
        """;

    private readonly ConcurrentQueue<string> _cspViolations = new();
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _failedRequests = new();
    private readonly ConcurrentQueue<string> _pages = new();

    /// <summary>Console "Failed to load resource" errors for documents a test navigates to on purpose (a 404 page).</summary>
    public HashSet<string> ExpectedErrorPaths { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> CspViolations => _cspViolations;
    public IReadOnlyCollection<string> ConsoleErrors => _consoleErrors;
    public IReadOnlyCollection<string> FailedRequests => _failedRequests;
    public IReadOnlyCollection<string> PagesVisited => _pages;

    public async Task WatchAsync(IBrowserContext context)
    {
        await context.ExposeFunctionAsync<string>("portalCspViolation", v => _cspViolations.Enqueue(v));
        await context.AddInitScriptAsync(ViolationListener);
        context.Console += (_, message) =>
        {
            if (message.Type != "error" && message.Type != "warning") return;
            var text = message.Text;
            if (text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                _cspViolations.Enqueue($"{message.Location}: {text}");
            else if (message.Type == "error" && !IsExpected(message.Location))
                _consoleErrors.Enqueue($"{message.Location}: {text}");
        };
        context.RequestFailed += (_, request) =>
        {
            // Leaving a page aborts what it still loads — the real-time stream, and on a busy machine a deferred script the
            // test navigated away from. Missing or redirected files are caught by their status below.
            if (request.Failure?.Contains("ERR_ABORTED", StringComparison.Ordinal) == true) return;
            _failedRequests.Enqueue($"{request.Method} {request.Url}: {request.Failure}");
        };
        context.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (response.Request.ResourceType == "document") _pages.Enqueue($"{response.Status} {path}");
            // A redirect is as wrong as a 404 here: it is how the login page once got HTML instead of its CSS.
            if ((response.Status >= 400 || response.Status is 301 or 302 or 303 or 307 or 308) && StaticPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
                _failedRequests.Enqueue($"{response.Status} {response.Url}");
        };
    }

    /// <summary>Fails with everything collected, so one run shows all problems at once.</summary>
    public void AssertClean()
    {
        var report = new List<string>();
        if (!_cspViolations.IsEmpty) report.Add("CSP violations:\n  " + string.Join("\n  ", _cspViolations.Distinct()));
        if (!_consoleErrors.IsEmpty) report.Add("Console errors:\n  " + string.Join("\n  ", _consoleErrors.Distinct()));
        if (!_failedRequests.IsEmpty) report.Add("Failed requests:\n  " + string.Join("\n  ", _failedRequests.Distinct()));
        Assert.True(report.Count == 0, string.Join("\n", report) + "\nPages visited: " + string.Join(", ", _pages));
    }

    // Location reads "http://host/path:line:column".
    private bool IsExpected(string location) =>
        Uri.TryCreate(LineSuffix().Replace(location, ""), UriKind.Absolute, out var uri) && ExpectedErrorPaths.Contains(uri.AbsolutePath);

    [GeneratedRegex(@"(:\d+)+$")]
    private static partial Regex LineSuffix();
}
