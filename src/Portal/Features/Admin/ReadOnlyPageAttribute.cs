using Microsoft.AspNetCore.Routing;

namespace Portal.Features.Admin;

/// <summary>
/// Limits a Razor Page to GET/HEAD at routing level, so any other method answers 405 before anything runs. Razor Pages
/// would otherwise render a page for a POST it has no handler for; for the append-only audit log (operations.md §7.2,
/// OPS-16) "no route can change an entry" should be visible in the routing table, not just in missing handlers.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadOnlyPageAttribute : Attribute, IHttpMethodMetadata
{
    public bool AcceptCorsPreflight => false;

    public IReadOnlyList<string> HttpMethods { get; } = ["GET", "HEAD"];
}
