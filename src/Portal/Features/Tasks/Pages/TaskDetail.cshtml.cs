using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Time;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// The task detail (tasks.md §6 "/tarefas/{id}"). Every handler loads the task through <see cref="TaskService.FindAsync"/>
/// first, so an invisible task — another user's private one included — is a 404 for the page and all its partials.
/// Changes go through <see cref="TaskService"/>; this class only renders. Handlers live in the partial files beside it.
/// </summary>
[RequirePermission(Permissions.TasksAccess)]
public sealed partial class TaskDetailModel(PortalDb db, TaskService tasks, TimeProvider clock, TaskReadCache cache, StampedCache choices) : PageModel
{
    public long Id { get; private set; }
    public TaskItem Task { get; private set; } = null!;
    public TaskRelation Relation { get; private set; }
    public TaskViewer Viewer { get; private set; } = null!;

    public TaskPeople People { get; private set; } = null!;
    public IReadOnlyList<TaskCrumb> Ancestors { get; private set; } = [];
    public IReadOnlyList<SubtaskRow> Children { get; private set; } = [];
    public SubtaskProgress Progress { get; private set; } = new(0, 0);
    public TaskDeletePreview? DeletePreview { get; private set; }
    public IReadOnlyList<TaskItemStatus> StatusTargets { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    /// <summary>"código – nome" of the linked client; "Cliente #id" when the registry no longer knows it.</summary>
    public string? ClientLabel { get; private set; }

    /// <summary>Shown above the page after a refused action (409 status changed, 400 transition…).</summary>
    public string? ActionMessage { get; private set; }

    public DateOnly Today => SaoPaulo.Today(clock);
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool CanEdit => TaskAccess.CanEdit(Viewer, Task, Relation);
    public bool CanTransfer => TaskAccess.CanTransfer(Viewer, Task, Relation) && Task.ParentId is null;
    public bool CanDelete => TaskAccess.CanDelete(Viewer, Task);
    public bool CanAddSubtask => CanEdit && Task.Depth + 1 < TaskItem.MaxDepth;
    public bool IsHtmx => Request.Headers["HX-Request"] == "true";

    public string BoardUrl => Task.IsPrivate ? "/tarefas/pessoais" : $"/tarefas/setor/{Task.SectorId}";
    public string BoardLabel => Task.IsPrivate ? "Somente para mim" : People.SectorName ?? "Setor";

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "conversa")] string? conversa)
    {
        if (!await FindAsync(id, toShow: true)) return NotFound();
        await LoadPageAsync(openConversation: conversa is "1" or "true");
        return Page();
    }

    /// <summary>The task through the access policy; false = 404. <paramref name="toShow"/>: a shared read-only copy (GET).</summary>
    private async Task<bool> FindAsync(long id, bool toShow = false)
    {
        Id = id;
        Viewer = await tasks.ViewerAsync();
        if (await (toShow ? tasks.FindToShowAsync(id) : tasks.FindAsync(id)) is not var (task, relation)) return false;
        (Task, Relation) = (task, relation);
        return true;
    }

    /// <summary>Re-reads the task after a change (the service may have cleared the unit of work).</summary>
    private async Task<bool> ReloadAsync()
    {
        db.ChangeTracker.Clear();
        return await FindAsync(Id);
    }

    private async Task LoadPageAsync(bool openConversation)
    {
        var shared = await SharedAsync();
        var tree = await cache.GetOrCreateAsync(cache.Stamped($"detail-tree:{TaskReadCache.ViewerKey(Viewer)}:{Id}"), async () =>
            new TaskDetailTree(await TaskDetailQuery.AncestorsAsync(db, Viewer, Task), await TaskDetailQuery.ChildrenAsync(db, Viewer, Id)));
        (People, Progress, History, ClientLabel) = (shared.People, shared.Progress, shared.History, shared.ClientLabel);
        (Ancestors, Children) = (tree.Ancestors, tree.Children);
        StatusTargets = TaskWorkflow.AllowedTargets(Task.Status, Task.IsPrivate, TaskAccess.Actor(Viewer, Task));
        if (CanDelete) DeletePreview = shared.DeletePreview;
        await LoadAttachmentsAsync();
        await LoadFollowersAsync();
        await LoadConversationAsync(openConversation);
        if (CanTransfer) await LoadTransferAsync(TransferSectorId ?? Task.SectorId, TransferAssigneeId);
    }

    /// <summary>
    /// The viewer-independent part of the page, read once per change of any task table (ADR-008): a request after a
    /// write (the handlers below) takes the new stamp and reads again.
    /// </summary>
    private Task<TaskDetailShared> SharedAsync() =>
        cache.GetOrCreateAsync(cache.Stamped($"detail:{Id}"), async () => new TaskDetailShared(
            await TaskDetailQuery.PeopleAsync(db, Id),
            await TaskDetailQuery.ProgressAsync(db, Id),
            await tasks.DeletePreviewAsync(Id),
            await TaskDetailQuery.HistoryAsync(db, Id),
            await ClientLabelAsync(),
            await TaskDetailQuery.AttachmentsAsync(db, Id),
            await TaskDetailQuery.FollowersAsync(db, Id),
            await TaskDetailQuery.CommentsAsync(db, Id)));

    private async Task<string?> ClientLabelAsync() =>
        Task.ClientId is not { } clientId ? null
        : (await tasks.Clients.GetAsync([clientId])).TryGetValue(clientId, out var c) ? c.Label + (c.IsActive ? "" : " (inativo)")
        : $"Cliente #{clientId}";

    /// <summary>The confirmation of "Excluir": what else goes with the task (tasks.md §5).</summary>
    public string DeleteConfirmation()
    {
        var p = DeletePreview ?? new TaskDeletePreview(0, 0);
        var parts = new List<string>();
        if (p.Subtasks > 0) parts.Add(TaskDisplay.Plural(p.Subtasks, "subtarefa", "subtarefas"));
        if (p.Attachments > 0) parts.Add(TaskDisplay.Plural(p.Attachments, "anexo", "anexos"));
        var extra = parts.Count == 0 ? "" : $" Também serão excluídos: {string.Join(" e ", parts)}.";
        return $"Excluir a tarefa “{Task.Title}”?{extra} Esta ação não pode ser desfeita.";
    }

    /// <summary>"Concluir" with open direct subtasks asks first (tasks.md §4).</summary>
    public string? StatusConfirmation(TaskItemStatus to) =>
        to == TaskItemStatus.Done ? BoardView.DoneConfirm(Progress.Open) : null;

    /// <summary>htmx answers: a toast through HX-Trigger (site.js shows it).</summary>
    private void HxToast(string message, string kind = "success") =>
        Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new { toast = new { message, kind } });

    /// <summary>A non-htmx action that failed: the whole page again with the message and the given status.</summary>
    private async Task<IActionResult> PageWithAsync(int status, string? message = null, bool openConversation = false)
    {
        ActionMessage = message;
        await LoadPageAsync(openConversation);
        Response.StatusCode = status;
        return Page();
    }

    private IActionResult Outcome(TaskResult result) => result.Outcome switch
    {
        TaskOutcome.NotFound => NotFound(),
        TaskOutcome.Forbidden => Forbid(),
        _ => throw new InvalidOperationException($"Unexpected outcome {result.Outcome}."),
    };
}
