using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Lookups;

namespace Portal.Features.Clients;

/// <summary>Lookup values used by clients (systems) and by department profiles (option codes) cannot be deleted (PLT-15).</summary>
public sealed class ClientSystemsUsage(PortalDb db) : ILookupUsage
{
    public async Task<bool> IsUsedAsync(string listKey, long valueId, CancellationToken ct)
    {
        if (listKey == DepartmentOptions.SystemsListKey) return await db.ClientSystems().AnyAsync(s => s.LookupValueId == valueId, ct);
        if (DepartmentOptions.All.FirstOrDefault(g => g.ListKey == listKey) is not { } group) return false;
        var code = await db.LookupValues.Where(v => v.Id == valueId).Select(v => v.Code).FirstOrDefaultAsync(ct);
        return code is not null && await db.DepartmentOptionRows().AnyAsync(o => o.Group == group.Key && o.OptionCode == code, ct);
    }
}
