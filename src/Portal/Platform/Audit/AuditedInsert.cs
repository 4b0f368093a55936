using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Audit;

public static class AuditedInsert
{
    /// <summary>
    /// Saves new entities, then the audit entry that needs their generated ids, in one transaction: a committed
    /// create always has its entry (operations.md §7.2). Joins the caller's transaction when there is one.
    /// </summary>
    public static async Task SaveAsync(PortalDb db, Action recordAudit, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(ct);
            recordAudit();
            await db.SaveChangesAsync(ct);
            return;
        }
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            recordAudit();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }
}
