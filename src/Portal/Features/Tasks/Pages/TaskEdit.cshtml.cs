using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.RichText;
using Portal.Platform.Time;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// "Editar tarefa" (tasks.md §6) with the version of platform.md §2: a stale save shows the current values with the
/// differing fields highlighted and what this person had typed (PLT-01, TSK-13). A Done task is editable only with
/// <c>tasks.manage_any</c> (TSK-12, via <see cref="TaskAccess.CanEdit"/>).
/// </summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed class TaskEditModel(PortalDb db, TaskService tasks, RichText richText) : TaskFormPageModel(db, tasks)
{
    [BindProperty] public int Version { get; set; }

    public long Id { get; private set; }
    public string CurrentTitle { get; private set; } = "";
    public bool IsSubtask { get; private set; }

    public override string ScopeUrl => $"/tarefas/{Id}/editar?handler=Scope";
    public override bool IsEdit => true;

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "voltar")] string? voltar)
    {
        if (await LoadAsync(id) is not { } task) return NotFound();
        if (!await MayEditAsync(task)) return Forbid();
        await FillAsync(task);
        Voltar = LocalOrNull(voltar);
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetScopeAsync(long id, bool isPrivate, long? sectorId, long? assigneeId, List<long> followerIds)
    {
        ModelState.Clear();
        if (await LoadAsync(id) is not { } task) return NotFound();
        if (!await MayEditAsync(task)) return Forbid();
        SetContext(task, await Tasks.CurrentEditAsync(task));
        (IsPrivate, SectorId, AssigneeId, FollowerIds) = (CanChoosePrivacy ? isPrivate : task.IsPrivate, sectorId, assigneeId, followerIds);
        await LoadChoicesAsync();
        return Partial("_TaskScopeFields", this);
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        NormalizeBindingErrors();
        var due = ParseDueDate();
        if (await LoadAsync(id) is not { } task) return NotFound();
        if (!await MayEditAsync(task)) return Forbid();
        SetContext(task, await Tasks.CurrentEditAsync(task));
        if (!CanChoosePrivacy) IsPrivate = task.IsPrivate;
        if (!ModelState.IsValid) return await ShowAsync();

        var edit = new TaskEdit(Title, Description, Priority, due, ClientId, IsPrivate ? null : AssigneeId, IsPrivate,
            IsPrivate ? null : SectorId, IsPrivate ? [] : FollowerIds);
        var result = await Tasks.UpdateAsync(id, edit, Version, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case TaskOutcome.Ok:
                TempData.Toast("Alterações salvas.");
                return Redirect(ReturnTarget($"/tarefas/{id}"));
            case TaskOutcome.Forbidden: return Forbid();
            case TaskOutcome.NotFound: return NotFound();
            case TaskOutcome.Stale:
                await ShowConflictAsync(result.Task ?? task, edit);
                return await ShowAsync();
            default:
                AddServiceErrors(result.Errors ?? new());
                return await ShowAsync();
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        await LoadChoicesAsync();
        return Page();
    }

    private TaskRelation _relation;
    private long _me;

    /// <summary>The task through the access policy: null (404) when absent or invisible to this user.</summary>
    private async Task<TaskItem?> LoadAsync(long id)
    {
        Id = id;
        _me = (await Tasks.ViewerAsync()).UserId;
        if (await Tasks.FindAsync(id) is not var (task, relation)) return null;
        _relation = relation;
        return task;
    }

    private async Task<bool> MayEditAsync(TaskItem task) => TaskAccess.CanEdit(await Tasks.ViewerAsync(), task, _relation);

    private async Task FillAsync(TaskItem task)
    {
        var current = await Tasks.CurrentEditAsync(task);
        SetContext(task, current);
        Title = current.Title;
        Description = current.Description;
        Priority = current.Priority;
        DueDate = current.DueDate?.ToString("yyyy-MM-dd");
        ClientId = current.ClientId;
        AssigneeId = current.AssigneeId;
        IsPrivate = current.IsPrivate;
        SectorId = current.SectorId;
        FollowerIds = (current.FollowerIds ?? []).ToList();
        Version = task.Version;
    }

    /// <summary>What the form needs besides the values: who the creator is, the locked sector, privacy choice.</summary>
    private void SetContext(TaskItem task, TaskEdit current)
    {
        CurrentTitle = task.Title;
        IsSubtask = task.ParentId is not null;
        CreatorId = task.CreatorId;
        SavedAssigneeId = task.AssigneeId;
        SavedFollowerIds = current.FollowerIds ?? [];
        CanChoosePrivacy = !IsSubtask && task.CreatorId == _me;
        // A public task changes sector only by a transfer; a subtask follows its parent.
        if (task.SectorId is { } sectorId)
        {
            LockedSectorId = sectorId;
            LockedSectorNote = IsSubtask ? "Herdado da tarefa principal." : "Para mudar de setor, use \"Transferir\" na tarefa.";
        }
    }

    /// <summary>platform.md §2: current values in the form, each differing field marked with what was typed.</summary>
    private async Task ShowConflictAsync(TaskItem stale, TaskEdit mine)
    {
        var current = await Tasks.CurrentEditAsync(stale);
        var names = await TaskChoices.PeopleAsync(Db, [.. current.FollowerIds ?? [], .. mine.FollowerIds ?? [], mine.AssigneeId ?? 0, current.AssigneeId ?? 0]);
        string Name(long? id) => id is { } v ? names.FirstOrDefault(p => p.Id == v)?.Name ?? $"#{v}" : "(ninguém)";
        string Names(IEnumerable<long>? ids) => ids?.Any() == true ? string.Join(", ", ids.Select(i => Name(i)).Order(StringComparer.CurrentCulture)) : "(nenhum)";

        var myDescription = await richText.CleanAsync(mine.Description, _me);
        if ((mine.Title?.Trim() ?? "") != current.Title) Conflicts[nameof(Title)] = mine.Title?.Trim() ?? "(vazio)";
        if (myDescription.Html != current.Description) Conflicts[nameof(Description)] = myDescription.PlainText.Length == 0 ? "(vazio)" : myDescription.PlainText;
        if (mine.Priority != current.Priority) Conflicts[nameof(Priority)] = TaskLabels.Priority(mine.Priority);
        if (mine.DueDate != current.DueDate) Conflicts[nameof(DueDate)] = mine.DueDate is { } d ? SaoPaulo.FormatDate(d) : "(sem data)";
        if (mine.ClientId != current.ClientId) Conflicts[nameof(ClientId)] = await ClientLabelAsync(mine.ClientId);
        if (mine.IsPrivate != current.IsPrivate) Conflicts[nameof(IsPrivate)] = EditConflict.YesNo(mine.IsPrivate);
        if (!mine.IsPrivate && mine.AssigneeId != current.AssigneeId) Conflicts[nameof(AssigneeId)] = Name(mine.AssigneeId);
        if (!mine.IsPrivate && !(mine.FollowerIds ?? []).ToHashSet().SetEquals(current.FollowerIds ?? []))
            Conflicts[nameof(FollowerIds)] = Names(mine.FollowerIds);

        // Tag helpers prefer posted values over the model: clear them so the current values are what the form shows.
        ModelState.Clear();
        await FillAsync(stale);
        ModelState.AddModelError("", EditConflict.Message);
    }
}
