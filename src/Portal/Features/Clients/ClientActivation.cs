using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>
/// Deactivate/reactivate from the record (clients.md §5) as an inline single-field change: it applies when the flag
/// still differs, whatever else changed meanwhile (platform.md §2 inline edits), and bumps the version.
/// </summary>
public sealed class ClientActivation(PortalDb db, AuditLog audit, TimeProvider clock, IDomainEvents events, IAuditActor actor)
{
    public async Task<ClientResult> SetActiveAsync(long id, bool active, string? reason, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var cleanReason = active ? null : Validators.Text(errors, "DeactivationReason", reason, 200, required: false);
        if (!errors.IsValid) return new ClientResult(ClientOutcome.Invalid, Errors: errors);
        var client = await db.Clients().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null) return new ClientResult(ClientOutcome.NotFound);
        if (client.IsActive == active) return new ClientResult(ClientOutcome.Saved, client);

        var changes = new List<AuditChange>();
        AuditLog.Diff(changes, "Ativo", client.IsActive, active);
        AuditLog.Diff(changes, "Motivo da desativação", client.DeactivationReason, cleanReason);
        client.IsActive = active;
        client.DeactivationReason = cleanReason;
        client.DeactivatedAt = active ? null : clock.GetUtcNow().UtcDateTime;
        audit.Record("update", ClientService.ResourceType, client.Id, ClientService.AuditLabel(client),
            $"Cliente {client.Code} – {client.Name} {(active ? "reativado" : "desativado")}", changes);
        await db.SaveChangesAsync(ct);
        if (!active)
            await events.PublishAsync(new ClientDeactivated(client.Id, $"{client.Code} – {client.Name}", client.Version, cleanReason, actor.UserId, actor.Name ?? "Alguém"), ct);
        return new ClientResult(ClientOutcome.Saved, client);
    }
}
