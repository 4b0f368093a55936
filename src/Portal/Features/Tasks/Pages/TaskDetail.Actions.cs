using Microsoft.AspNetCore.Mvc;
using Portal.Platform.Web;

namespace Portal.Features.Tasks.Pages;

/// <summary>Status buttons, transfer and delete: full-page forms (the whole page depends on them), Post/Redirect/Get.</summary>
public sealed partial class TaskDetailModel
{
    public IReadOnlyList<SectorOption> TransferSectors { get; private set; } = [];
    public IReadOnlyList<PersonRef> TransferAssignees { get; private set; } = [];
    public long? TransferSectorId { get; private set; }
    public long? TransferAssigneeId { get; private set; }
    public string? TransferError { get; private set; }

    /// <summary>
    /// Posts the status the user saw (<paramref name="expected"/>): if someone changed it meanwhile the answer is 409
    /// with the current status, and nothing changes (tasks.md §4, TSK-11).
    /// </summary>
    public async Task<IActionResult> OnPostStatusAsync(long id, string? to, string? expected)
    {
        if (!await FindAsync(id)) return NotFound();
        if (!TryStatus(to, out var target)) return await PageWithAsync(StatusCodes.Status400BadRequest, TaskMessages.InvalidTransition);
        TaskItemStatus? seen = TryStatus(expected, out var e) ? e : null;
        var result = await tasks.ChangeStatusAsync(id, target, seen, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case TaskOutcome.Ok:
                TempData.Toast($"Status: {TaskLabels.Status(target)}.");
                return Redirect($"/tarefas/{id}");
            case TaskOutcome.StatusChanged:
                if (!await ReloadAsync()) return NotFound();
                return await PageWithAsync(StatusCodes.Status409Conflict, result.Message);
            case TaskOutcome.InvalidTransition:
            case TaskOutcome.Invalid:
                return await PageWithAsync(StatusCodes.Status400BadRequest, result.Message ?? TaskMessages.InvalidTransition);
            default:
                return Outcome(result);
        }
    }

    private static bool TryStatus(string? value, out TaskItemStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status);

    /// <summary>Target sectors: the viewer's own plus the current one, or all with manage_any / create_other_sectors.</summary>
    private async Task LoadTransferAsync(long? sectorId, long? assigneeId)
    {
        TransferSectors = await choices.GetOrCreateAsync(TaskChoices.Tables.Name,
            $"sectors:{Viewer.ManageAny || Viewer.CreateOtherSectors}:{string.Join(',', Viewer.SectorIds.Order())}:{Task.SectorId}",
            TaskChoices.Lifetime, () => TaskChoices.UsableSectorsAsync(db, Viewer, Task.SectorId));
        TransferSectorId = sectorId is { } s && TransferSectors.Any(x => x.Id == s) ? s : Task.SectorId;
        TransferAssigneeId = assigneeId;
        TransferAssignees = TransferSectorId is { } target
            ? await choices.GetOrCreateAsync(TaskChoices.Tables.Name, $"members:{target}", TaskChoices.Lifetime, () => TaskChoices.MembersAsync(db, target, []))
            : [];
    }

    /// <summary>htmx: the assignee choices of the target sector.</summary>
    public async Task<IActionResult> OnGetTransferAssigneesAsync(long id, long? transferSectorId)
    {
        if (!await FindAsync(id)) return NotFound();
        if (!CanTransfer) return Forbid();
        await LoadTransferAsync(transferSectorId, null);
        return Partial("_DetailTransferAssignee", this);
    }

    public async Task<IActionResult> OnPostTransferAsync(long id, long? transferSectorId, long? transferAssigneeId)
    {
        if (!await FindAsync(id)) return NotFound();
        var result = await tasks.TransferAsync(id, transferSectorId, transferAssigneeId, HttpContext.RequestAborted);
        if (result.Outcome is TaskOutcome.NotFound or TaskOutcome.Forbidden) return Outcome(result);
        if (!result.Succeeded)
        {
            TransferError = result.Message;
            (TransferSectorId, TransferAssigneeId) = (transferSectorId, transferAssigneeId);
            return await PageWithAsync(StatusCodes.Status400BadRequest);
        }
        TempData.Toast("Tarefa transferida.");
        // The viewer may have seen the task only through its old sector.
        return Redirect(await ReloadAsync() ? $"/tarefas/{id}" : "/tarefas/minhas");
    }

    /// <summary>Deletes the task with its subtasks, comments and files (tasks.md §5), then back to its board.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version)
    {
        if (!await FindAsync(id)) return NotFound();
        var target = Task.ParentId is { } parent ? $"/tarefas/{parent}" : BoardUrl;
        var result = await tasks.DeleteAsync(id, version, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case TaskOutcome.Ok:
                TempData.Toast("Tarefa excluída.");
                return Redirect(target);
            case TaskOutcome.Stale:
                if (!await ReloadAsync()) return NotFound();
                return await PageWithAsync(StatusCodes.Status409Conflict, "A tarefa foi alterada por outra pessoa. Confira os dados atuais antes de excluir.");
            default:
                return Outcome(result);
        }
    }
}
