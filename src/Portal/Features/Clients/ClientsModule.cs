using Portal.Platform.Authorization;
using Portal.Platform.Web;

namespace Portal.Features.Clients;

/// <summary>The client registry (clients.md): pages under /clientes, API under /api/v1/clients and /lookups/document.</summary>
public static class ClientsModule
{
    public static void AddClients(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddMenuItem(new MenuItem("Clientes", "Clientes", "bi-building", "/clientes", ClientPermissions.View, 200));
    }

    public static void MapClients(this WebApplication app, RouteGroupBuilder api)
    {
    }
}
