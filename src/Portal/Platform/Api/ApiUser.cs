namespace Portal.Platform.Api;

/// <summary>
/// The user row the bearer check read for this request, kept in <see cref="HttpContext.Items"/> so an endpoint that
/// shows the user (GET /me) does not read it again. It lives only as long as the request: nothing about a user or a
/// token is remembered between requests (api.md §3.3).
/// </summary>
public sealed record ApiUser(long Id, string Email, string Username, string FullName)
{
    private const string Item = "api-user";

    public static ApiUser? Of(HttpContext http) => http.Items.TryGetValue(Item, out var user) ? user as ApiUser : null;

    internal void Attach(HttpContext http) => http.Items[Item] = this;
}
