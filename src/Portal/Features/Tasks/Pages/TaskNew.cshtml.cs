using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>"Nova tarefa" (tasks.md §6): <c>?setor=&amp;pai=&amp;cliente=&amp;pessoal=1&amp;voltar=</c>.</summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class TaskNewModel(PortalDb db, TaskService tasks) : TaskFormPageModel(db, tasks)
{
    [BindProperty] public long? ParentId { get; set; }
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    public TaskItem? Parent { get; private set; }

    public override string ScopeUrl => "/tarefas/nova?handler=Scope";
    public override bool IsEdit => false;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "setor")] long? setor, [FromQuery(Name = "pai")] long? pai,
        [FromQuery(Name = "cliente")] long? cliente, [FromQuery(Name = "pessoal")] string? pessoal, [FromQuery(Name = "voltar")] string? voltar)
    {
        ModelState.Clear(); // query names are not form fields; nothing typed yet
        ParentId = pai;
        if (await LoadParentAsync() is { } refused) return refused;
        SectorId = setor;
        ClientId = cliente;
        if (Parent is null) IsPrivate = pessoal is "1" or "true"; // a subtask keeps its parent's privacy
        Voltar = LocalOrNull(voltar);
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>htmx: the scope block again after "Somente para mim" or the sector changed.</summary>
    public async Task<IActionResult> OnGetScopeAsync(bool isPrivate, long? sectorId, long? assigneeId, List<long> followerIds, long? parentId)
    {
        ModelState.Clear();
        ParentId = parentId;
        if (await LoadParentAsync() is { } refused) return refused;
        (IsPrivate, SectorId, AssigneeId, FollowerIds) = (Parent?.IsPrivate ?? isPrivate, sectorId, assigneeId, followerIds);
        await LoadChoicesAsync();
        return Partial("_TaskScopeFields", this);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        NormalizeBindingErrors();
        var due = ParseDueDate();
        if (await LoadParentAsync() is { } refused) return refused;
        if (Parent is not null) IsPrivate = Parent.IsPrivate;
        if (!ModelState.IsValid) return await ShowAsync();

        var input = new TaskInput(Title, Description, IsPrivate ? null : SectorId, IsPrivate ? null : AssigneeId, ClientId, ParentId,
            Priority, due, IsPrivate, IsPrivate ? [] : FollowerIds);
        var result = await Tasks.CreateAsync(input, Attachments.Select(UploadSource.From).ToList(), HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case TaskOutcome.Forbidden: return Forbid();
            case TaskOutcome.NotFound: return NotFound();
            case TaskOutcome.Ok: break;
            case TaskOutcome.RateLimited:
                // platform.md §5.2: nothing was saved; the files must be chosen again after the wait.
                ModelState.AddModelError("", result.Message!);
                ModelState.AddModelError("Attachments", result.Message!);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = UploadRateLimiter.RetrySeconds(result.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return await ShowAsync();
            default:
                AddServiceErrors(result.Errors ?? new());
                return await ShowAsync();
        }

        var task = result.Task!;
        TempData.Toast(task.ParentId is null ? "Tarefa criada." : "Subtarefa criada.");
        return Redirect(ReturnTarget(task switch
        {
            { ParentId: { } parentId } => $"/tarefas/{parentId}",
            { IsPrivate: true } => $"/tarefas/pessoais?destaque={task.Id}",
            _ => $"/tarefas/setor/{task.SectorId}?destaque={task.Id}",
        }));
    }

    private async Task<IActionResult> ShowAsync()
    {
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>A subtask inherits sector and privacy; its parent must be visible (404) and editable (403).</summary>
    private async Task<IActionResult?> LoadParentAsync()
    {
        CreatorId = (await Tasks.ViewerAsync()).UserId;
        if (ParentId is not { } parentId) return null;
        if (await Tasks.FindAsync(parentId) is not var (parent, relation)) return NotFound();
        if (!TaskAccess.CanEdit(await Tasks.ViewerAsync(), parent, relation)) return Forbid();
        Parent = parent;
        IsPrivate = parent.IsPrivate;
        CanChoosePrivacy = false;
        LockedSectorId = parent.SectorId;
        LockedSectorNote = "Herdado da tarefa principal.";
        return null;
    }
}
