using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Portal.Platform.Authorization;

/// <summary>Requires one named permission of the catalog.</summary>
public sealed record PermissionRequirement(string Code) : IAuthorizationRequirement;

/// <summary>Turns "perm:clients.edit" into a policy on the fly, so each page just names its permission.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "perm:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(Prefix, StringComparison.Ordinal)) return await base.GetPolicyAsync(policyName);
        var code = policyName[Prefix.Length..];
        if (!Permissions.IsKnown(code)) throw new InvalidOperationException($"Unknown permission '{code}'.");
        return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(code)).Build();
    }
}

public sealed class PermissionHandler(CurrentUser currentUser) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        if ((await currentUser.GetPermissionsAsync()).Has(requirement.Code)) context.Succeed(requirement);
    }
}

/// <summary>[RequirePermission("users.admin")] on a page model = [Authorize(Policy = "perm:users.admin")].</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(string code) : AuthorizeAttribute(PermissionPolicyProvider.Prefix + code)
{
    public string Code { get; } = code;
}

public static class PermissionEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string code) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PermissionPolicyProvider.Prefix + code);
}
