using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Files;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>Followers and attachments panels: htmx swaps the panel, plain forms fall back to Post/Redirect/Get.</summary>
public sealed partial class TaskDetailModel
{
    public IReadOnlyList<PersonRef> Followers { get; private set; } = [];
    public IReadOnlyList<PersonRef> FollowerCandidates { get; private set; } = [];
    public string? FollowerError { get; private set; }
    public bool IsFollowing => Followers.Any(f => f.Id == Viewer.UserId);

    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];
    public string? AttachmentError { get; private set; }
    public FileUseCase AttachmentUseCase => TasksModule.AttachmentUseCase;

    public bool CanRemove(AttachmentRow a) => TaskAccess.CanRemoveAttachment(Viewer, Task, a.UploadedById);

    private async Task LoadFollowersAsync()
    {
        Followers = (await SharedAsync()).Followers;
        if (!CanEdit || Task.IsPrivate) return;
        var following = Followers.Select(f => f.Id).ToHashSet();
        var people = await choices.GetOrCreateAsync(TaskChoices.Tables.Name, "active", TaskChoices.Lifetime, () => TaskChoices.PeopleAsync(db, []));
        FollowerCandidates = people.Where(p => !following.Contains(p.Id)).ToList();
    }

    private async Task LoadAttachmentsAsync() => Attachments = (await SharedAsync()).Attachments;

    public async Task<IActionResult> OnPostAddFollowerAsync(long id, long userId)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.AddFollowerAsync(id, userId, HttpContext.RequestAborted);
        return await FollowersAnswerAsync(result, userId == Viewer.UserId ? "Você passou a acompanhar esta tarefa." : "Acompanhante incluído.");
    }

    /// <summary>Editors remove anyone; everyone may stop following ("Deixar de acompanhar").</summary>
    public async Task<IActionResult> OnPostRemoveFollowerAsync(long id, long userId)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.RemoveFollowerAsync(id, userId, HttpContext.RequestAborted);
        return await FollowersAnswerAsync(result, userId == Viewer.UserId ? "Você deixou de acompanhar esta tarefa." : "Acompanhante retirado.");
    }

    public async Task<IActionResult> OnPostUploadAsync(long id, List<IFormFile> files)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.AddAttachmentsAsync(id, files.Select(UploadSource.From).ToList(), HttpContext.RequestAborted);
        if (result.Outcome is TaskOutcome.NotFound or TaskOutcome.Forbidden) return Outcome(result);
        if (!result.Succeeded)
        {
            AttachmentError = result.Message;
            if (result.Outcome == TaskOutcome.RateLimited) RetryAfterHeader(result.RetryAfter);
            if (!IsHtmx)
                return await PageWithAsync(result.Outcome switch
                {
                    TaskOutcome.TooLarge => StatusCodes.Status413PayloadTooLarge,
                    TaskOutcome.RateLimited => StatusCodes.Status429TooManyRequests,
                    _ => StatusCodes.Status400BadRequest,
                });
            await LoadAttachmentsAsync();
            return Partial("_DetailAttachments", this);
        }
        var message = result.Files.Count == 1 ? "Anexo enviado." : $"{result.Files.Count} anexos enviados.";
        return await AttachmentsAnswerAsync(message);
    }

    private void RetryAfterHeader(TimeSpan retryAfter) =>
        Response.Headers.RetryAfter = UploadRateLimiter.RetrySeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(long id, Guid fileId)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.RemoveAttachmentAsync(id, fileId, HttpContext.RequestAborted);
        if (!result.Succeeded) return Outcome(result);
        return await AttachmentsAnswerAsync("Anexo removido.");
    }

    private async Task<IActionResult> AttachmentsAnswerAsync(string message)
    {
        if (!IsHtmx)
        {
            TempData.Toast(message);
            return Redirect($"/tarefas/{Id}#anexos");
        }
        HxToast(message);
        await ReloadAsync();
        await LoadAttachmentsAsync();
        return Partial("_DetailAttachments", this);
    }

    private async Task<IActionResult> FollowersAnswerAsync(TaskResult result, string message)
    {
        if (result.Outcome is TaskOutcome.NotFound or TaskOutcome.Forbidden) return Outcome(result);
        if (!result.Succeeded)
        {
            FollowerError = result.Message;
            if (!IsHtmx) return await PageWithAsync(StatusCodes.Status400BadRequest);
            await LoadFollowersAsync();
            return Partial("_DetailFollowers", this);
        }
        // Someone who only saw the task as a follower no longer sees it after leaving.
        if (!await ReloadAsync())
        {
            TempData.Toast(message);
            if (!IsHtmx) return Redirect("/tarefas/minhas");
            Response.Headers["HX-Redirect"] = "/tarefas/minhas";
            return new EmptyResult();
        }
        if (!IsHtmx)
        {
            TempData.Toast(message);
            return Redirect($"/tarefas/{Id}#acompanhantes");
        }
        HxToast(message);
        await LoadFollowersAsync();
        return Partial("_DetailFollowers", this);
    }
}
