using Microsoft.EntityFrameworkCore;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

public sealed partial class TaskService
{
    /// <summary>Anyone who can see the task may comment, whatever its status (tasks.md §3).</summary>
    public async Task<TaskResult> AddCommentAsync(long taskId, string? html, CancellationToken ct = default)
    {
        if (await FindAsync(taskId, ct) is not var (task, _)) return TaskResult.NotFound;
        var errors = new FieldErrors();
        var body = await CleanRichTextAsync(errors, "body", html, TaskComment.BodyMax, required: true, ct);
        if (!errors.IsValid) return new TaskResult(TaskOutcome.Invalid, task, errors);

        var comment = new TaskComment { TaskId = task.Id, AuthorId = Me, Body = body.Html };
        Db.TaskComments.Add(comment);
        await Db.SaveChangesAsync(ct);
        await MarkReadAsync(task.Id, comment.CreatedAt, ct); // the author has read their own message

        var participants = await ParticipantIdsAsync(task, ct);
        await PublishAsync([new TaskCommentCreated(Me, MyName, await SnapshotAsync(task, ct), comment.Id, participants)], ct);
        return TaskResult.Ok(task) with { Comment = comment };
    }

    /// <summary>Only <c>tasks.manage_any</c>; the row stays as "Comentário removido por X" so the thread keeps its shape.</summary>
    public async Task<TaskResult> DeleteCommentAsync(long taskId, long commentId, CancellationToken ct = default)
    {
        var v = await ViewerAsync(ct);
        if (await FindAsync(taskId, ct) is not var (task, _)) return TaskResult.NotFound;
        var comment = await Db.TaskComments.FirstOrDefaultAsync(c => c.Id == commentId && c.TaskId == task.Id, ct);
        if (comment is null) return TaskResult.NotFound;
        if (!TaskAccess.CanDeleteComment(v, task)) return TaskResult.Forbidden;
        if (comment.DeletedAt is not null) return TaskResult.Ok(task) with { Comment = comment };

        comment.Body = null;
        comment.DeletedAt = Now;
        comment.DeletedById = Me;
        History(task, TaskHistoryKind.CommentDeleted, "Comentário", $"#{comment.Id} de {await UserLabelAsync(comment.AuthorId, ct)}", null);
        deps.Audit.Record("delete", "task_comment", comment.Id, Label(task), "Comentário removido.");
        await Db.SaveChangesAsync(ct);
        return TaskResult.Ok(task) with { Comment = comment };
    }

    /// <summary>Opening the conversation marks it read up to now.</summary>
    public async Task<TaskResult> MarkConversationReadAsync(long taskId, CancellationToken ct = default)
    {
        if (await FindAsync(taskId, ct) is not var (task, _)) return TaskResult.NotFound;
        await MarkReadAsync(task.Id, Now, ct);
        return TaskResult.Ok(task);
    }

    private async Task MarkReadAsync(long taskId, DateTime at, CancellationToken ct)
    {
        // Update first: concurrent first reads from two tabs may both insert; the loser just updates.
        if (await Db.TaskReadStates.Where(r => r.TaskId == taskId && r.UserId == Me && r.LastReadAt < at)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastReadAt, at), ct) > 0) return;
        if (await Db.TaskReadStates.AnyAsync(r => r.TaskId == taskId && r.UserId == Me, ct)) return;
        try
        {
            Db.TaskReadStates.Add(new TaskReadState { TaskId = taskId, UserId = Me, LastReadAt = at });
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            Db.ChangeTracker.Clear();
            await Db.TaskReadStates.Where(r => r.TaskId == taskId && r.UserId == Me && r.LastReadAt < at)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastReadAt, at), ct);
        }
    }

    /// <summary>Creator, assignee, completer, followers and commenters (tasks.md §2).</summary>
    public async Task<IReadOnlyList<long>> ParticipantIdsAsync(TaskItem task, CancellationToken ct = default)
    {
        var ids = new HashSet<long> { task.CreatorId };
        if (task.AssigneeId is { } a) ids.Add(a);
        if (task.CompletedById is { } c) ids.Add(c);
        ids.UnionWith(await Db.TaskFollowers.Where(f => f.TaskId == task.Id).Select(f => f.UserId).ToListAsync(ct));
        ids.UnionWith(await Db.TaskComments.Where(x => x.TaskId == task.Id).Select(x => x.AuthorId).Distinct().ToListAsync(ct));
        return ids.ToList();
    }
}
