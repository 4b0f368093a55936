using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Features.Admin;

/// <summary>
/// identity.md §9: only members of the Administrador role may grant/remove that role or act on a user who has it.
/// Holding <c>users.admin</c> is not enough.
/// </summary>
public sealed class AdministratorGate(PortalDb db, CurrentUser currentUser)
{
    public async Task<bool> ActorIsAdministratorAsync() => (await currentUser.GetPermissionsAsync()).IsAdministrator;

    public Task<bool> IsAdministratorAsync(long userId) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.Role.IsAdministrator);

    /// <summary>True when the actor may touch <paramref name="userId"/> (set a password, end sessions, edit).</summary>
    public async Task<bool> MayActOnAsync(long userId) => await ActorIsAdministratorAsync() || !await IsAdministratorAsync(userId);

    /// <summary>True when the actor may give someone the roles in <paramref name="roleIds"/>.</summary>
    public async Task<bool> MayGrantAsync(IEnumerable<long> roleIds)
    {
        if (await ActorIsAdministratorAsync()) return true;
        var ids = roleIds.Distinct().ToList();
        return ids.Count == 0 || !await db.Roles.AnyAsync(r => r.IsAdministrator && ids.Contains(r.Id));
    }
}
