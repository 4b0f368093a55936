using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Events;

namespace Portal.Features.Clients;

/// <summary>
/// Client events as notification events (clients.md §9; ADR-010): this module names the people — the new responsible,
/// the responsibles of the client's departments — and the seeded rules (data, editable) choose among them. Only people
/// who may open the record (clients.view, plus the restricted permission for a restricted department) are told.
/// </summary>
public sealed class ClientNotifications(PortalDb db, INotificationPublisher notifications) : IDomainEventHandler<IClientEvent>
{
    public const string SourceType = "client";
    public const string ResponsibleAssigned = "client.department_responsible_assigned";
    public const string Deactivated = "client.deactivated";

    public async Task HandleAsync(IClientEvent e, CancellationToken ct)
    {
        if (e is ClientDeleted deleted)
        {
            await notifications.RemoveForSourcesAsync(SourceType, [deleted.ClientId], ct);
            return;
        }
        var notification = e switch
        {
            DepartmentResponsibleAssigned a => await AssignedAsync(a, ct),
            ClientDeactivated d => await DeactivatedAsync(d, ct),
            _ => null,
        };
        if (notification is not null) await notifications.PublishAsync(notification, ct);
    }

    private async Task<NotificationEvent> AssignedAsync(DepartmentResponsibleAssigned a, CancellationToken ct)
    {
        string[] codes = a.DepartmentRestricted ? [ClientPermissions.View, ClientPermissions.DepartmentsRestrictedView] : [ClientPermissions.View];
        var message = new NotificationMessage($"Responsável pelo departamento {a.DepartmentLabel}",
            $"Você foi definido como responsável pelo departamento {a.DepartmentLabel} do cliente {a.ClientLabel}",
            $"/clientes/{a.ClientId}#dep-{a.DepartmentCode}");
        return new NotificationEvent(ResponsibleAssigned, $"{a.ProfileId}:v{a.ProfileVersion.ToString(CultureInfo.InvariantCulture)}",
            NotificationCategory.Clientes, a.ActorId, SourceType, a.ClientId,
            new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = message },
            new Dictionary<string, IReadOnlyCollection<long>> { ["responsible"] = [a.ResponsibleUserId] },
            new Dictionary<string, string> { ["department"] = a.DepartmentCode, ["restricted"] = a.DepartmentRestricted ? "true" : "false" },
            await PermissionHolders.ActiveUsersAsync(db, codes, ct));
    }

    private async Task<NotificationEvent> DeactivatedAsync(ClientDeactivated d, CancellationToken ct)
    {
        var responsibles = await db.DepartmentProfiles().AsNoTracking()
            .Where(p => p.ClientId == d.ClientId && p.ResponsibleUserId != null).Select(p => p.ResponsibleUserId!.Value).Distinct().ToListAsync(ct);
        var body = $"{d.ActorName} desativou o cliente {d.ClientLabel}" + (d.Reason is { Length: > 0 } r ? $". Motivo: {r}" : "");
        return new NotificationEvent(Deactivated, $"{d.ClientId}:v{d.ClientVersion.ToString(CultureInfo.InvariantCulture)}",
            NotificationCategory.Clientes, d.ActorId, SourceType, d.ClientId,
            new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = new("Cliente desativado", body, $"/clientes/{d.ClientId}") },
            new Dictionary<string, IReadOnlyCollection<long>> { ["department_responsibles"] = responsibles },
            new Dictionary<string, string>(),
            await PermissionHolders.ActiveUsersAsync(db, [ClientPermissions.View], ct));
    }
}
