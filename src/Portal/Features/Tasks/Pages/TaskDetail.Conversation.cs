using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// The conversation panel: comments newest last, a marker before the first unread one, the composer. Opening it
/// (the panel shown on the page, the "Abrir conversa" button or <c>?conversa=1</c>) marks it read (TSK-17).
/// </summary>
public sealed partial class TaskDetailModel
{
    public ConversationSummary Conversation { get; private set; } = new(0, 0, null);
    public bool ConversationOpen { get; private set; }
    public IReadOnlyList<CommentRow> Comments { get; private set; } = [];

    private sealed record LastRead(DateTime? At);

    /// <summary>The first comment this viewer had not read when the panel opened ("Novas mensagens" marker).</summary>
    public long? FirstUnreadId { get; private set; }

    /// <summary>Unread count still to show in the header and the tab (0 once the panel is open).</summary>
    public int UnreadBadge { get; private set; }

    public string? CommentError { get; private set; }
    public string? CommentDraft { get; private set; }
    public bool CanDeleteComments => TaskAccess.CanDeleteComment(Viewer, Task);

    /// <summary>
    /// A thread without unread messages is simply shown; one with unread messages stays closed (with its count) until
    /// the viewer opens it, so "N não lidas" means what it says.
    /// </summary>
    private async Task LoadConversationAsync(bool open)
    {
        var thread = (await SharedAsync()).Comments;
        var lastRead = (await cache.GetOrCreateAsync(cache.Stamped($"last-read:{Viewer.UserId}:{Id}"),
            async () => new LastRead(await TaskDetailQuery.LastReadAsync(db, Id, Viewer.UserId)))).At;
        Conversation = TaskDetailQuery.Summarize(thread, Viewer.UserId, lastRead);
        ConversationOpen = open || Conversation.Unread == 0;
        UnreadBadge = Conversation.Unread;
        if (!ConversationOpen) return;
        Comments = thread;
        if (Conversation.Unread == 0) return;
        FirstUnreadId = Comments.FirstOrDefault(c => c.AuthorId != Viewer.UserId && !c.Deleted && (lastRead is null || c.CreatedAt > lastRead))?.Id;
        await tasks.MarkConversationReadAsync(Id);
        UnreadBadge = 0;
    }

    /// <summary>htmx: opens the panel (marks it read) and clears the unread badges out of band.</summary>
    public async Task<IActionResult> OnGetConversationAsync(long id)
    {
        if (!await FindAsync(id)) return NotFound();
        await LoadConversationAsync(open: true);
        return Partial("_DetailConversation", this);
    }

    public async Task<IActionResult> OnPostCommentAsync(long id, string? body)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.AddCommentAsync(id, body, HttpContext.RequestAborted);
        if (result.Outcome is TaskOutcome.NotFound or TaskOutcome.Forbidden) return Outcome(result);
        if (!result.Succeeded)
        {
            CommentError = result.Message;
            CommentDraft = body;
            if (!IsHtmx) return await PageWithAsync(StatusCodes.Status400BadRequest, openConversation: true);
            await LoadConversationAsync(open: true);
            return Partial("_DetailConversation", this);
        }
        if (!IsHtmx)
        {
            TempData.Toast("Mensagem enviada.");
            return Redirect($"/tarefas/{id}?conversa=1#conversa");
        }
        HxToast("Mensagem enviada.");
        await ReloadAsync();
        await LoadConversationAsync(open: true);
        return Partial("_DetailConversation", this);
    }

    /// <summary>Only <c>tasks.manage_any</c>; the comment stays as "Comentário removido por X".</summary>
    public async Task<IActionResult> OnPostDeleteCommentAsync(long id, long commentId)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.DeleteCommentAsync(id, commentId, HttpContext.RequestAborted);
        if (!result.Succeeded) return Outcome(result);
        if (!IsHtmx)
        {
            TempData.Toast("Comentário removido.");
            return Redirect($"/tarefas/{id}?conversa=1#conversa");
        }
        HxToast("Comentário removido.");
        await ReloadAsync();
        await LoadConversationAsync(open: true);
        return Partial("_DetailConversation", this);
    }
}
