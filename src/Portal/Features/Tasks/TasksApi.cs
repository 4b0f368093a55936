using Portal.Platform.Api;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>
/// /api/v1/tasks (tasks.md §9). Reads go through the one visibility rule (<see cref="TaskAccess"/>), writes through
/// <see cref="TaskService"/> — the same history, audit (channel "api") and events as the pages; nothing here writes
/// task tables. A task the caller cannot see answers 404 on every route, before anything else is looked at.
/// </summary>
public static partial class TasksApi
{
    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tarefas").RequirePermission(Permissions.TasksAccess);
        tasks.MapGet("", ListAsync)
            .WithSummary("Lista as tarefas visíveis ao usuário, com filtros e paginação.")
            .WithDescription("Só tarefas que o usuário pode ver: tarefas pessoais de outras pessoas nunca aparecem. " +
                "Filtros: status (um ou mais códigos separados por vírgula), sectorId, assigneeId, clientId, " +
                "mine=true (criadas por, atribuídas a ou acompanhadas pelo usuário), private=true|false, " +
                "q (título e descrição, sem diferenciar acentos e maiúsculas), dueFrom/dueTo (AAAA-MM-DD, inclusivas). " +
                "Ordem: prioridade (Alta primeiro), data de entrega (sem data por último), id. pageSize máximo 200.")
            .AddOpenApiOperationTransformer(TaskListFilter.DescribeParameters)
            .Produces<PagedResult<TaskSummaryResponse>>().Errors(400, 403);
        tasks.MapGet("/{id:long}", GetAsync)
            .WithSummary("Uma tarefa completa; o cabeçalho ETag traz a versão para o If-Match.")
            .Produces<TaskResponse>().Errors(403, 404);
        tasks.MapPost("", CreateAsync)
            .WithSummary("Cria uma tarefa (sectorId obrigatório, exceto para tarefas pessoais e subtarefas).")
            .Accepts<CreateTaskRequest>("application/json")
            .Produces<TaskResponse>(StatusCodes.Status201Created).Errors(400, 403, 415);
        tasks.MapPatch("/{id:long}", UpdateAsync)
            .WithSummary("Altera só os campos enviados (null limpa); exige If-Match. O status não é alterado aqui.")
            .WithDescription("Campos: title, description, priority, dueDate, clientId, assigneeId (e version, alternativa ao If-Match). " +
                "Qualquer outro campo, inclusive status, é recusado com 400.")
            .Accepts<UpdateTaskRequest>("application/json")
            .Produces<TaskResponse>().Errors(400, 403, 404, 412, 415, 428);
        tasks.MapDelete("/{id:long}", DeleteAsync)
            .WithSummary("Exclui a tarefa, as subtarefas, comentários e anexos; exige If-Match.")
            .Produces(StatusCodes.Status204NoContent).Errors(403, 404, 412, 428);
        tasks.MapPost("/{id:long}/status", ChangeStatusAsync)
            .WithSummary("Muda o status segundo o fluxo (Iniciar, Concluir, Voltar para pendente, Reabrir).")
            .WithDescription("expectedStatus é o status que o cliente viu: se mudou nesse meio tempo, 409 com a tarefa atual em current. " +
                "Transição excepcional sem tasks.manage_any: 400 invalid_transition.")
            .Accepts<ChangeTaskStatusRequest>("application/json")
            .Produces<TaskResponse>().Errors(400, 403, 404, 409, 415);
        tasks.MapPost("/{id:long}/transfer", TransferAsync)
            .WithSummary("Transfere a tarefa (e as subtarefas) para outro setor e/ou responsável.")
            .Accepts<TransferTaskRequest>("application/json")
            .Produces<TaskResponse>().Errors(400, 403, 404, 415);
        MapCollaboration(tasks);
    }

    /// <summary>Every endpoint here is bearer-authenticated and rate limited, so 401 and 429 always apply.</summary>
    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status429TooManyRequests))
            builder.Produces<ApiError>(status);
        return builder;
    }

    private static async Task<IResult> ListAsync(HttpContext http, TaskService tasks, TaskApiReads reads, TaskReadCache cache, PortalDb db,
        string? status, string? sectorId, string? assigneeId, string? clientId, string? mine,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "private")] string? @private, string? q, string? dueFrom, string? dueTo,
        string? page, string? pageSize, CancellationToken ct)
    {
        var filter = TaskListFilter.Parse(status, sectorId, assigneeId, clientId, mine, @private, q, dueFrom, dueTo, page, pageSize);
        if (!filter.Errors.IsValid) return ApiErrors.Validation(http, filter.Errors);
        var viewer = await tasks.ViewerAsync(ct);
        return Results.Ok(await cache.GetOrCreateAsync(cache.Stamped($"api:{TaskReadCache.ViewerKey(viewer)}:{filter.CacheKey}"),
            () => reads.PageAsync(filter.Apply(db.Tasks.VisibleTo(viewer), viewer.UserId), filter.Paging, ct)));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is null) return ApiErrors.NotFound(http);
        return await TaskAsync(http, reads, id, ct);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        var (body, invalid) = await TaskJsonBody.ReadAsync(http);
        if (body is null) return invalid!;
        body.TryString("title", out var title);
        body.TryString("description", out var description);
        body.TryLong("sectorId", out var sectorId);
        body.TryLong("assigneeId", out var assigneeId);
        body.TryLong("clientId", out var clientId);
        body.TryLong("parentId", out var parentId);
        body.TryEnum<TaskPriority>("priority", out var priority);
        body.TryDate("dueDate", out var dueDate);
        body.TryBool("isPrivate", out var isPrivate);
        body.TryIds("followerIds", out var followerIds);
        if (!body.Errors.IsValid) return ApiErrors.Validation(http, body.Errors);

        var input = new TaskInput(title, description, sectorId, assigneeId, clientId, parentId, priority ?? TaskPriority.Medium,
            dueDate, isPrivate ?? false, followerIds);
        var result = await tasks.CreateAsync(input, null, ct);
        if (!result.Succeeded) return await TaskApiResults.FailureAsync(http, result, 0, reads, ct);
        var created = (await reads.DetailAsync(result.Task!.Id, ct))!;
        ApiConcurrency.SetETag(http, created.Version);
        return Results.Created($"{TaskApiReads.BasePath}/{created.Id}", created);
    }

    /// <summary>Fields PATCH refuses by name, with where to go instead (TSK-22: the status is never patched).</summary>
    private static readonly Dictionary<string, string> NotPatchable = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = "O status não é alterado por PATCH; use POST /api/v1/tasks/{id}/status.",
        ["sectorId"] = "O setor não é alterado por PATCH; use POST /api/v1/tasks/{id}/transfer.",
        ["followerIds"] = "Acompanhantes não são alterados por PATCH; use /api/v1/tasks/{id}/followers.",
        ["isPrivate"] = "Campo não pode ser alterado pela API.",
        ["parentId"] = "Campo não pode ser alterado.",
    };

    private static readonly HashSet<string> Patchable = new(StringComparer.OrdinalIgnoreCase)
        { "title", "description", "priority", "dueDate", "clientId", "assigneeId", "version" };

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is not var (task, relation)) return ApiErrors.NotFound(http);
        var (body, invalid) = await TaskJsonBody.ReadAsync(http);
        if (body is null) return invalid!;
        foreach (var name in body.Names.Where(n => !Patchable.Contains(n)))
            body.Errors.Add(ApiErrors.CamelCase(name), NotPatchable.GetValueOrDefault(name, "Campo desconhecido."));

        // Overlay what was sent on the current values: absent = unchanged, null = cleared.
        var edit = await tasks.CurrentEditAsync(task, ct) with { FollowerIds = null };
        if (body.TryString("title", out var title)) edit = edit with { Title = title };
        if (body.TryString("description", out var description)) edit = edit with { Description = description };
        if (body.TryEnum<TaskPriority>("priority", out var priority))
        {
            if (priority is { } p) edit = edit with { Priority = p };
            else body.Errors.Add("priority", Validators.Required);
        }
        if (body.TryDate("dueDate", out var dueDate)) edit = edit with { DueDate = dueDate };
        if (body.TryLong("clientId", out var clientId)) edit = edit with { ClientId = clientId };
        if (body.TryLong("assigneeId", out var assigneeId)) edit = edit with { AssigneeId = assigneeId };
        body.TryInt("version", out var bodyVersion);
        if (!body.Errors.IsValid) return ApiErrors.Validation(http, body.Errors);

        if (!TaskAccess.CanEdit(await tasks.ViewerAsync(ct), task, relation)) return ApiErrors.Forbidden(http);
        if (ApiConcurrency.ExpectedVersion(http, bodyVersion) is not { } expected) return ApiErrors.PreconditionRequired(http);
        var result = await tasks.UpdateAsync(id, edit, expected, ct);
        return result.Succeeded ? await TaskAsync(http, reads, id, ct) : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is not var (task, _)) return ApiErrors.NotFound(http);
        if (!TaskAccess.CanDelete(await tasks.ViewerAsync(ct), task)) return ApiErrors.Forbidden(http);
        if (ApiConcurrency.ExpectedVersion(http) is not { } expected) return ApiErrors.PreconditionRequired(http);
        var result = await tasks.DeleteAsync(id, expected, ct);
        return result.Succeeded ? Results.NoContent() : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    private static async Task<IResult> ChangeStatusAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is null) return ApiErrors.NotFound(http);
        var (body, invalid) = await TaskJsonBody.ReadAsync(http);
        if (body is null) return invalid!;
        body.TryEnum<TaskItemStatus>("status", out var to);
        body.TryEnum<TaskItemStatus>("expectedStatus", out var expected);
        if (to is null && !body.Errors.ContainsKey("status")) body.Errors.Add("status", Validators.Required);
        if (!body.Errors.IsValid) return ApiErrors.Validation(http, body.Errors);

        var result = await tasks.ChangeStatusAsync(id, to!.Value, expected, ct);
        return result.Succeeded ? await TaskAsync(http, reads, id, ct) : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    private static async Task<IResult> TransferAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is null) return ApiErrors.NotFound(http);
        var (body, invalid) = await TaskJsonBody.ReadAsync(http);
        if (body is null) return invalid!;
        body.TryLong("sectorId", out var sectorId);
        body.TryLong("assigneeId", out var assigneeId);
        if (!body.Errors.IsValid) return ApiErrors.Validation(http, body.Errors);

        var result = await tasks.TransferAsync(id, sectorId, assigneeId, ct);
        return result.Succeeded ? await TaskAsync(http, reads, id, ct) : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    /// <summary>200 with the task as stored now and its ETag.</summary>
    private static async Task<IResult> TaskAsync(HttpContext http, TaskApiReads reads, long id, CancellationToken ct)
    {
        if (await reads.DetailAsync(id, ct) is not { } task) return ApiErrors.NotFound(http);
        ApiConcurrency.SetETag(http, task.Version);
        return Results.Ok(task);
    }
}
