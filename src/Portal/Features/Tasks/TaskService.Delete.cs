using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;

namespace Portal.Features.Tasks;

/// <summary>What a delete confirmation must tell the user (tasks.md §5).</summary>
public sealed record TaskDeletePreview(int Subtasks, int Attachments);

public sealed partial class TaskService
{
    public async Task<TaskDeletePreview> DeletePreviewAsync(long id, CancellationToken ct = default)
    {
        var ids = await TreeIdsAsync(id, ct);
        var files = await Db.StoredFiles.CountAsync(f => f.OwnerType == FileOwnerType && ids.Contains(f.OwnerId), ct);
        return new TaskDeletePreview(ids.Count - 1, files);
    }

    /// <summary>
    /// Deletes the task with all descendants, comments, followers, read states, history and files, audited with a
    /// snapshot. File contents are removed after the commit (the storage sweeper retries what fails).
    /// </summary>
    public async Task<TaskResult> DeleteAsync(long id, int? expectedVersion = null, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(id, ct) is not var (task, _)) return TaskResult.NotFound;
        if (!TaskAccess.CanDelete(v, task)) return TaskResult.Forbidden;
        if (expectedVersion is { } expected && expected != task.Version) return new TaskResult(TaskOutcome.Stale, task);

        var snapshot = await SnapshotAsync(task, ct);
        var ids = await TreeIdsAsync(id, ct);
        var files = await Db.StoredFiles.Where(f => f.OwnerType == FileOwnerType && ids.Contains(f.OwnerId)).ToListAsync(ct);
        var depthOrder = await Db.Tasks.Where(t => ids.Contains(t.Id)).OrderByDescending(t => t.Depth).Select(t => t.Id).ToListAsync(ct);

        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        foreach (var file in files) deps.Files.Remove(file);
        deps.Audit.Record("delete", "task", task.Id, Label(task),
            $"Tarefa excluída com {ids.Count - 1} subtarefa(s) e {files.Count} anexo(s).",
            [
                new AuditChange("Título", task.Title, null),
                new AuditChange("Status", TaskLabels.Status(task.Status), null),
                new AuditChange("Prioridade", TaskLabels.Priority(task.Priority), null),
                new AuditChange("Setor", snapshot.SectorName, null),
                new AuditChange("Responsável", await UserLabelAsync(task.AssigneeId, ct), null),
                new AuditChange("Criador", await UserLabelAsync(task.CreatorId, ct), null),
                new AuditChange("Data de entrega", task.DueDate?.ToString("dd/MM/yyyy"), null),
                new AuditChange("Subtarefas", string.Join(", ", ids.Skip(1)), null),
                new AuditChange("Anexos", string.Join(", ", files.Select(f => f.OriginalName)), null),
            ]);
        await Db.SaveChangesAsync(ct);
        await Db.TaskComments.Where(c => ids.Contains(c.TaskId)).ExecuteDeleteAsync(ct);
        await Db.TaskFollowers.Where(f => ids.Contains(f.TaskId)).ExecuteDeleteAsync(ct);
        await Db.TaskReadStates.Where(r => ids.Contains(r.TaskId)).ExecuteDeleteAsync(ct);
        await Db.TaskHistory.Where(h => ids.Contains(h.TaskId)).ExecuteDeleteAsync(ct);
        foreach (var taskId in depthOrder) await Db.Tasks.Where(t => t.Id == taskId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);

        foreach (var file in files) await deps.Files.PurgeAsync(file);
        await PublishAsync([new TaskDeleted(Me, MyName, snapshot, ids)], ct);
        return TaskResult.Ok(task);
    }
}
