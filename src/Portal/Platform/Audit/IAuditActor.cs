namespace Portal.Platform.Audit;

/// <summary>Who is acting right now (web user, API token, job, CLI) — used for CreatedById/UpdatedById and audit.</summary>
public interface IAuditActor
{
    long? UserId { get; }
    string? Name { get; }
    string Channel { get; }
    string? Ip { get; }
    string? UserAgent { get; }
    string? RequestId { get; }
    /// <summary>The API token id (jti) when the request came with a bearer token.</summary>
    string? TokenId { get; }
}
