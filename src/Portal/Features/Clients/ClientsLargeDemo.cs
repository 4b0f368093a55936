using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Setup;

namespace Portal.Features.Clients;

/// <summary>
/// The clients of `portal seed-demo --scale large` (platform.md §13: 600 at full size, scaled with the task count):
/// tops up the small demo's clients and hands every client id to the generators that link records to clients.
/// </summary>
public sealed class ClientsLargeDemo(PortalDb db, IDataProtectionProvider protection) : ILargeDemoGenerator
{
    public const int LargeClients = 600;

    public int Order => 10;
    public string Name => "clientes";

    public async Task GenerateAsync(LargeDemoContext context, CancellationToken ct = default)
    {
        var target = Math.Max(ClientsDemoData.DemoCount, (int)Math.Round(LargeClients * context.Scale.Factor));
        var missing = target - await db.Clients().CountAsync(ct);
        if (missing > 0)
            await ClientsDemoData.GenerateAsync(db, missing, new Random(context.Scale.Seed),
                protection.CreateProtector(CredentialVault.Purpose), ct);
        context.ClientIds.AddRange(await db.Clients().Where(c => c.IsActive).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct));
        context.Counts["clientes"] = await db.Clients().CountAsync(ct);
    }
}
