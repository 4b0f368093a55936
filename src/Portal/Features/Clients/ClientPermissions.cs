namespace Portal.Features.Clients;

/// <summary>The module's permission codes (catalogued in Platform/Authorization/Permissions.All).</summary>
public static class ClientPermissions
{
    public const string View = "clients.view";
    public const string Create = "clients.create";
    public const string Edit = "clients.edit";
    public const string Delete = "clients.delete";
    public const string DepartmentsEdit = "clients.departments.edit";
    public const string DepartmentsRestrictedView = "clients.departments.restricted.view";
    public const string CredentialsManage = "clients.credentials.manage";
    public const string CredentialsReveal = "clients.credentials.reveal";
}
