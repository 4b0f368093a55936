using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

public enum TaskOutcome { Ok, NotFound, Forbidden, Invalid, InvalidTransition, Stale, StatusChanged, TooLarge, RateLimited }

/// <summary>
/// The outcome of a task operation, mapped the same way by pages (messages, 403/404 pages) and the API
/// (api.md §2 codes): NotFound → 404, Forbidden → 403, Invalid → 400 with fields, InvalidTransition → 400,
/// Stale → 412 / conflict form, StatusChanged → 409 with the current status, TooLarge → 413, RateLimited → 429
/// with Retry-After (the platform's per-user upload limit, platform.md §5.2).
/// </summary>
public sealed record TaskResult(TaskOutcome Outcome, TaskItem? Task = null, FieldErrors? Errors = null)
{
    public bool Succeeded => Outcome == TaskOutcome.Ok;
    public TaskComment? Comment { get; init; }
    public IReadOnlyList<StoredFile> Files { get; init; } = [];

    /// <summary>RateLimited: how long until the user may upload again.</summary>
    public TimeSpan RetryAfter { get; init; }

    public static TaskResult RateLimited(TimeSpan retryAfter) => new(TaskOutcome.RateLimited) { RetryAfter = retryAfter };

    public static TaskResult Ok(TaskItem task) => new(TaskOutcome.Ok, task);
    public static readonly TaskResult NotFound = new(TaskOutcome.NotFound);
    public static readonly TaskResult Forbidden = new(TaskOutcome.Forbidden);
    public static TaskResult Invalid(FieldErrors errors) => new(TaskOutcome.Invalid, null, errors);

    public static TaskResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    /// <summary>The first error message, for toasts and API messages.</summary>
    public string? Message => Outcome switch
    {
        TaskOutcome.Invalid => Errors?.Values.SelectMany(m => m).FirstOrDefault(),
        TaskOutcome.InvalidTransition => TaskMessages.InvalidTransition,
        TaskOutcome.Stale => Platform.Web.EditConflict.Message,
        TaskOutcome.StatusChanged when Task is not null => TaskMessages.StatusChanged(Task.Status),
        TaskOutcome.TooLarge => Errors?.Values.SelectMany(m => m).FirstOrDefault(),
        TaskOutcome.RateLimited => UploadRateLimiter.RetryMessage(RetryAfter),
        _ => null,
    };
}

/// <summary>pt-BR messages of the tasks module.</summary>
public static class TaskMessages
{
    public const string AssigneeNotMember = "O responsável deve ser membro do setor.";
    public const string InvalidSector = "Selecione um setor ativo com quadro de tarefas.";
    public const string InvalidTransition = "Transição não permitida.";
    public const string DueDateRange = "Informe uma data entre 01/01/2000 e 31/12/2100.";
    public const string DepthLimit = "Limite de 5 níveis de subtarefas atingido.";
    public const string ParentNotFound = "Tarefa principal não encontrada.";
    public const string InvalidUser = "Usuário inválido ou inativo.";
    public const string InvalidClient = "Cliente inválido ou inativo.";
    public const string PrivateHasNoFollowers = "Tarefas pessoais não têm acompanhantes.";
    public const string PrivateNotTransferable = "Tarefas pessoais não podem ser transferidas.";
    public const string SubtaskNotTransferable = "Subtarefas acompanham a tarefa principal e não podem ser transferidas sozinhas.";
    public const string CannotMakePrivate = "Só é possível tornar pessoal uma tarefa sua sem outros participantes.";
    public const string AttachmentLimit = "Limite de 20 anexos por tarefa.";
    public const string CommentRequired = "Escreva uma mensagem.";

    public static string StatusChanged(TaskItemStatus current) =>
        $"A tarefa foi alterada por outra pessoa (agora: {TaskLabels.Status(current)}).";
}
