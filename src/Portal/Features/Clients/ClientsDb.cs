using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

/// <summary>The module's tables on the shared context (PortalDb lives in Platform and knows no feature).</summary>
public static class ClientsDb
{
    public static DbSet<Client> Clients(this PortalDb db) => db.Set<Client>();
    public static DbSet<ClientPartner> ClientPartners(this PortalDb db) => db.Set<ClientPartner>();
    public static DbSet<ClientContact> ClientContacts(this PortalDb db) => db.Set<ClientContact>();
    public static DbSet<ContactChannel> ContactChannels(this PortalDb db) => db.Set<ContactChannel>();
    public static DbSet<ClientCredential> ClientCredentials(this PortalDb db) => db.Set<ClientCredential>();
    public static DbSet<ClientSystemLink> ClientSystems(this PortalDb db) => db.Set<ClientSystemLink>();
    public static DbSet<DepartmentType> DepartmentTypes(this PortalDb db) => db.Set<DepartmentType>();
    public static DbSet<ClientDepartmentProfile> DepartmentProfiles(this PortalDb db) => db.Set<ClientDepartmentProfile>();
    public static DbSet<ClientDepartmentOption> DepartmentOptionRows(this PortalDb db) => db.Set<ClientDepartmentOption>();
    public static DbSet<ClientDepartmentContact> DepartmentContacts(this PortalDb db) => db.Set<ClientDepartmentContact>();

    public static DatabaseKind Kind(this PortalDb db) => db.Database.IsSqlite() ? DatabaseKind.Sqlite : DatabaseKind.MySql;
}
