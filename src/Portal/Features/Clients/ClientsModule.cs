using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Contracts;
using Portal.Platform.Events;
using Portal.Platform.Ops.Import;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Features.Clients.Lookup;
using Portal.Platform.Lookups;
using Portal.Platform.Web;

namespace Portal.Features.Clients;

/// <summary>The client registry (clients.md): pages under /clientes, API under /api/v1/clients and /lookups/document.</summary>
public static class ClientsModule
{
    public static void AddClients(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<Portal.Platform.Contracts.IClientDirectory, ClientDirectory>();
        s.AddDomainEvents();
        s.TryAddScoped<IClientTasks, NoClientTasks>(); // the tasks module replaces it
        s.TryAddScoped<INotificationPublisher, NoNotificationPublisher>();
        s.AddScoped<IDomainEventHandler<IClientEvent>, ClientNotifications>();
        s.AddScoped<ClientValidator>();
        s.AddScoped<Portal.Platform.Health.IIntegrationSource, Lookup.LookupIntegrations>();
        s.AddScoped<ClientService>();
        s.AddScoped<ClientActivation>();
        s.AddScoped<ClientDetails>();
        s.AddSingleton(ClientDetails.Tables);
        s.AddScoped<CredentialVault>();
        s.AddLegacyImportStep<ClientsLegacyImport>();
        s.AddScoped<DepartmentProfiles>();
        s.AddScoped<DocumentLookupGate>();
        s.AddScoped<ILookupUsage, ClientSystemsUsage>();
        s.AddCompanyLookup(builder.Configuration);
        s.AddScoped<Portal.Platform.Setup.IDemoDataContributor, ClientsDemoData>();
        s.AddScoped<Portal.Platform.Setup.ILargeDemoGenerator, ClientsLargeDemo>();
        s.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Clients/Pages/CredentialEdit", "clientes/{id:long}/acessos/novo"));
        s.AddMenuItem(new MenuItem("Clientes", "Clientes", "bi-building", "/clientes", ClientPermissions.View, 200));
        s.AddTopBarSearch(new TopBarSearch("/clientes/busca", "/clientes/busca", "Busca rápida de clientes",
            "Buscar cliente: código, CNPJ/CPF ou nome", ClientPermissions.View));
    }

    public static void MapClients(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapClientsWeb();
        api.MapClientsApi();
    }
}
