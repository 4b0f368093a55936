using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Features.Admin;

public static class AuditedInsert
{
    /// <summary>
    /// Saves new entities, then the audit entry that needs their generated ids, in one transaction: a committed
    /// create always has its entry (operations.md §7.2). Runs inside the execution strategy because MySQL's retrying
    /// strategy refuses user-started transactions otherwise.
    /// </summary>
    public static Task SaveAsync(PortalDb db, Action recordAudit) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            recordAudit();
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });
}
