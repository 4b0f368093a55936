using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks.Pages;

/// <summary>
/// Fields, choices and error mapping shared by "Nova tarefa" and "Editar tarefa" (rendered by _TaskFormFields and
/// _TaskScopeFields). The scope block (privacy, sector, assignee, followers) reloads through htmx when the sector or
/// "Somente para mim" changes, so the assignee list always matches the chosen sector.
/// </summary>
public abstract class TaskFormPageModel(PortalDb db, TaskService tasks) : PageModel
{
    public const string InvalidValue = "Valor inválido.";
    public const string InvalidDate = "Data inválida. Use dd/mm/aaaa.";

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public long? SectorId { get; set; }
    [BindProperty] public long? AssigneeId { get; set; }
    [BindProperty] public long? ClientId { get; set; }
    [BindProperty] public bool IsPrivate { get; set; }
    [BindProperty] public List<long> FollowerIds { get; set; } = [];
    [BindProperty] public TaskPriority Priority { get; set; } = TaskPriority.Medium;

    /// <summary>yyyy-MM-dd from the date input (dd/MM/yyyy also accepted, for browsers without one).</summary>
    [BindProperty] public string? DueDate { get; set; }

    [BindProperty] public string? Voltar { get; set; }

    /// <summary>Subtasks and public tasks being edited keep their sector: it is shown, not chosen.</summary>
    public long? LockedSectorId { get; protected set; }
    public string? LockedSectorName { get; protected set; }
    public string? LockedSectorNote { get; protected set; }

    /// <summary>Whether "Somente para mim" is offered (not for subtasks, only to the creator when editing).</summary>
    public bool CanChoosePrivacy { get; protected set; } = true;

    /// <summary>Who may always be assigned besides the sector's members (tasks.md §2: the creator).</summary>
    protected long CreatorId { get; set; }

    /// <summary>The assignee already saved: kept as a choice even if no longer a member.</summary>
    protected long? SavedAssigneeId { get; set; }
    protected IReadOnlyList<long> SavedFollowerIds { get; set; } = [];

    public IReadOnlyList<SectorOption> Sectors { get; private set; } = [];
    public IReadOnlyList<PersonRef> Assignees { get; private set; } = [];
    public IReadOnlyList<PersonRef> FollowerChoices { get; private set; } = [];
    public FileUseCase AttachmentUseCase => TasksModule.AttachmentUseCase;

    /// <summary>Without a client registry (<see cref="NoClientDirectory"/>) the form has no client field.</summary>
    public bool ClientsAvailable { get; private set; }
    public ClientRef? SelectedClient { get; private set; }

    public ClientPickerField ClientPicker => new(nameof(ClientId), nameof(ClientId), "Cliente", ClientId, SelectedClient,
        HasError(nameof(ClientId)) || IsConflict(nameof(ClientId)));

    /// <summary>After a concurrency conflict: field → the value this person had typed (the form shows the current one).</summary>
    public Dictionary<string, string> Conflicts { get; } = new(StringComparer.Ordinal);

    /// <summary>GET URL of this page's Scope handler (htmx reload of the scope block).</summary>
    public abstract string ScopeUrl { get; }

    public abstract bool IsEdit { get; }

    protected PortalDb Db => db;
    protected TaskService Tasks => tasks;

    public long? EffectiveSectorId => LockedSectorId ?? SectorId;
    public bool IsConflict(string field) => Conflicts.ContainsKey(field);

    public bool HasError(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    /// <summary>Bootstrap's invalid style for a field with an error or a concurrency conflict.</summary>
    public string Css(string baseClass, string field) => HasError(field) || IsConflict(field) ? baseClass + " is-invalid" : baseClass;

    protected async Task LoadChoicesAsync(CancellationToken ct = default)
    {
        var viewer = await tasks.ViewerAsync(ct);
        await LoadClientAsync(ct);
        if (IsPrivate) return;
        if (LockedSectorId is { } locked && LockedSectorName is null)
            LockedSectorName = await db.Sectors.Where(s => s.Id == locked).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (LockedSectorId is null)
        {
            Sectors = await TaskChoices.UsableSectorsAsync(db, viewer, null, ct);
            if (SectorId is null || (!HasError(nameof(SectorId)) && Sectors.All(s => s.Id != SectorId)))
                SectorId = Sectors.FirstOrDefault(s => viewer.IsMemberOf(s.Id))?.Id ?? (Sectors.Count > 0 ? Sectors[0].Id : null);
        }
        if (EffectiveSectorId is { } sectorId)
        {
            var extra = new List<long> { CreatorId };
            if (SavedAssigneeId is { } saved) extra.Add(saved);
            Assignees = await TaskChoices.MembersAsync(db, sectorId, extra, ct);
            if (AssigneeId is { } chosen && Assignees.All(a => a.Id != chosen) && !HasError(nameof(AssigneeId)))
                AssigneeId = null; // a member of the previous sector: not offered here, so not silently kept
        }
        FollowerChoices = await TaskChoices.PeopleAsync(db, SavedFollowerIds.Concat(FollowerIds).Distinct().ToList(), ct);
    }

    private async Task LoadClientAsync(CancellationToken ct)
    {
        ClientsAvailable = tasks.Clients.IsAvailable;
        SelectedClient = ClientId is { } id && (await tasks.Clients.GetAsync([id], ct)).TryGetValue(id, out var c) ? c : null;
    }

    /// <summary>"código – nome" of a client id for conflict notes; "(nenhum)" for none.</summary>
    protected async Task<string> ClientLabelAsync(long? clientId, CancellationToken ct = default) =>
        clientId is not { } id ? "(nenhum)"
        : (await tasks.Clients.GetAsync([id], ct)).TryGetValue(id, out var c) ? c.Label : $"Cliente #{id}";

    /// <summary>Framework binding messages are English and technical: one pt-BR message per unreadable field.</summary>
    protected void NormalizeBindingErrors()
    {
        foreach (var key in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList())
        {
            ModelState[key]!.Errors.Clear();
            ModelState.AddModelError(key, InvalidValue);
        }
    }

    protected DateOnly? ParseDueDate()
    {
        if (string.IsNullOrWhiteSpace(DueDate)) return null;
        string[] formats = ["yyyy-MM-dd", "dd/MM/yyyy"];
        if (DateOnly.TryParseExact(DueDate.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        ModelState.AddModelError(nameof(DueDate), InvalidDate);
        return null;
    }

    /// <summary>Service field keys (API style) → this form's inputs; unknown keys become form-level messages.</summary>
    protected void AddServiceErrors(FieldErrors errors)
    {
        foreach (var (key, messages) in errors)
        {
            var field = key switch
            {
                "title" => nameof(Title),
                "description" => nameof(Description),
                "sectorId" => nameof(SectorId),
                "assigneeId" => nameof(AssigneeId),
                "clientId" => nameof(ClientId),
                "dueDate" => nameof(DueDate),
                "priority" => nameof(Priority),
                "followerIds" => nameof(FollowerIds),
                "isPrivate" => nameof(IsPrivate),
                "attachments" or "file" => "Attachments",
                _ => "",
            };
            foreach (var message in messages) ModelState.AddModelError(field, message);
        }
    }

    /// <summary>Where to go after saving: the posted local path, else <paramref name="fallback"/>.</summary>
    protected string ReturnTarget(string fallback) => Validators.IsLocalPath(Voltar) ? Voltar! : fallback;

    protected static string? LocalOrNull(string? path) => Validators.IsLocalPath(path) ? path : null;
}
