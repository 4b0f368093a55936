using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Tests.Infrastructure;

/// <summary>One "browser": cookies, a fixed client IP and helpers for forms with antiforgery tokens.</summary>
public sealed class TestClient : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public TestClient(PortalApp app, string ip)
    {
        Ip = ip;
        Cookies = new CookieContainer();
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = app.BaseAddress,
        };
        Http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) PortalTests Chrome/150.0");
    }

    public string Ip { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The page's antiforgery request token (meta tag set by the layout for every page).</summary>
    public async Task<string> TokenFromAsync(string pageUrl)
    {
        var (_, doc) = await GetPageAsync(pageUrl);
        return doc.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
    }

    /// <summary>POSTs a form as a browser would: token taken from <paramref name="pageUrl"/> first.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string? actionUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenFromAsync(pageUrl);
        var all = fields.Append(new("__RequestVerificationToken", token)).ToList();
        return await Http.PostAsync(actionUrl ?? pageUrl, new FormUrlEncodedContent(all));
    }

    public Task<HttpResponseMessage> PostFormAsync(string pageUrl, params (string Key, string Value)[] fields) =>
        PostFormAsync(pageUrl, null, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>POST without any antiforgery token (CSRF tests).</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string url, params (string Key, string Value)[] fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));

    public async Task<HttpResponseMessage> LoginAsync(string email, string password, bool remember = false)
    {
        var fields = new List<(string, string)> { ("Email", email), ("Password", password) };
        if (remember) fields.Add(("RememberMe", "true"));
        return await PostFormAsync("/login", fields.ToArray());
    }

    public async Task<HttpResponseMessage> LogoutAsync() =>
        await PostFormAsync("/perfil", "/logout", []);

    public string? SessionCookie => Cookies.GetAllCookies().FirstOrDefault(c => c.Name.EndsWith("portal_session", StringComparison.Ordinal))?.Value;

    public void Dispose() => Http.Dispose();
}
