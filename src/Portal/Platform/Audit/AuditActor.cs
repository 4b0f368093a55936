using System.Security.Claims;

namespace Portal.Platform.Audit;

/// <summary>
/// The actor of the current request, or the one set explicitly for CLI commands and jobs via <see cref="Use"/>.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private (long? Id, string? Name, string Channel)? _override;

    public void Use(long? userId, string? name, string channel) => _override = (userId, name, channel);

    private HttpContext? Http => accessor.HttpContext;

    public long? UserId => _override?.Id ??
        (long.TryParse(Http?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null);

    public string? Name => _override?.Name ?? Http?.User.FindFirstValue(ClaimTypes.Name);

    public string Channel => _override?.Channel ??
        (Http?.Request.Path.StartsWithSegments("/api") == true ? AuditChannels.Api : AuditChannels.Web);

    public string? Ip => Http?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => Http?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null;

    public string? RequestId => Http?.TraceIdentifier;

    public string? TokenId => Http?.User.FindFirstValue("portal:jti");
}
