namespace Portal.Platform.Ops.Certificates;

/// <param name="Trigger">"agendado", "manual", "cli" or "nova tentativa".</param>
/// <param name="Force">"Renovar agora" / `portal cert renew --force`: renew even with enough days left.</param>
public sealed record RenewalRequest(string Trigger, bool Force, long? UserId, string? UserName, string Channel);
