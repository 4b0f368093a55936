using Microsoft.EntityFrameworkCore;
using Portal.Platform.Api;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>Followers, history, conversation and attachments of one task (tasks.md §9).</summary>
public static partial class TasksApi
{
    private static void MapCollaboration(RouteGroupBuilder tasks)
    {
        tasks.MapGet("/{id:long}/followers", FollowersAsync)
            .WithSummary("Acompanhantes da tarefa.")
            .Produces<List<TaskFollowerResponse>>().Errors(403, 404);
        tasks.MapPost("/{id:long}/followers", AddFollowerAsync)
            .WithSummary("Adiciona um acompanhante (quem pode editar a tarefa); devolve a lista atualizada.")
            .Accepts<AddFollowerRequest>("application/json")
            .Produces<List<TaskFollowerResponse>>().Errors(400, 403, 404, 415);
        tasks.MapDelete("/{id:long}/followers/{userId:long}", RemoveFollowerAsync)
            .WithSummary("Remove um acompanhante (quem pode editar, ou o próprio usuário); devolve a lista atualizada.")
            .Produces<List<TaskFollowerResponse>>().Errors(403, 404);

        tasks.MapGet("/{id:long}/history", HistoryAsync)
            .WithSummary("Histórico de status e de campos, do mais antigo ao mais recente.")
            .Produces<List<TaskHistoryResponse>>().Errors(403, 404);

        tasks.MapGet("/{id:long}/comments", CommentsAsync)
            .WithSummary("Conversa da tarefa, do comentário mais antigo ao mais recente.")
            .Produces<List<TaskCommentResponse>>().Errors(403, 404);
        tasks.MapPost("/{id:long}/comments", AddCommentAsync)
            .WithSummary("Comenta na tarefa (qualquer pessoa que a veja, em qualquer status).")
            .Accepts<AddCommentRequest>("application/json")
            .Produces<TaskCommentResponse>(StatusCodes.Status201Created).Errors(400, 403, 404, 415);
        tasks.MapPost("/{id:long}/comments/read", MarkReadAsync)
            .WithSummary("Marca a conversa como lida pelo usuário.")
            .Produces(StatusCodes.Status204NoContent).Errors(403, 404);

        tasks.MapPost("/{id:long}/attachments", AddAttachmentAsync)
            .WithSummary("Anexa um arquivo (multipart, campo file; até 25 MB).")
            .Accepts<AddAttachmentForm>("multipart/form-data")
            .Produces<TaskAttachmentResponse>(StatusCodes.Status201Created).Errors(400, 403, 404, 413, 415);
        tasks.MapGet("/{id:long}/attachments/{fileId:guid}", DownloadAttachmentAsync)
            .WithSummary("Baixa um anexo (Content-Disposition: attachment).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Errors(403, 404);
        tasks.MapDelete("/{id:long}/attachments/{fileId:guid}", RemoveAttachmentAsync)
            .WithSummary("Remove um anexo (quem o enviou, o criador da tarefa ou tasks.manage_any).")
            .Produces(StatusCodes.Status204NoContent).Errors(403, 404);
    }

    private static async Task<IResult> FollowersAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct) =>
        await tasks.FindAsync(id, ct) is null ? ApiErrors.NotFound(http) : Results.Ok(await reads.FollowersAsync(id, ct));

    private static async Task<IResult> AddFollowerAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is null) return ApiErrors.NotFound(http);
        var (body, invalid) = await TaskJsonBody.ReadAsync(http);
        if (body is null) return invalid!;
        body.TryLong("userId", out var userId);
        if (userId is null && !body.Errors.ContainsKey("userId")) body.Errors.Add("userId", Validators.Required);
        if (!body.Errors.IsValid) return ApiErrors.Validation(http, body.Errors);

        var result = await tasks.AddFollowerAsync(id, userId!.Value, ct);
        return result.Succeeded ? Results.Ok(await reads.FollowersAsync(id, ct)) : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    private static async Task<IResult> RemoveFollowerAsync(long id, long userId, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        var result = await tasks.RemoveFollowerAsync(id, userId, ct);
        return result.Succeeded ? Results.Ok(await reads.FollowersAsync(id, ct)) : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    private static async Task<IResult> HistoryAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct) =>
        await tasks.FindAsync(id, ct) is null ? ApiErrors.NotFound(http) : Results.Ok(await reads.HistoryAsync(id, ct));

    private static async Task<IResult> CommentsAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct) =>
        await tasks.FindAsync(id, ct) is null ? ApiErrors.NotFound(http) : Results.Ok(await reads.CommentsAsync(id, null, ct));

    private static async Task<IResult> AddCommentAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is null) return ApiErrors.NotFound(http);
        var (body, invalid) = await TaskJsonBody.ReadAsync(http);
        if (body is null) return invalid!;
        body.TryString("body", out var html);
        if (!body.Errors.IsValid) return ApiErrors.Validation(http, body.Errors);

        var result = await tasks.AddCommentAsync(id, html, ct);
        if (!result.Succeeded) return await TaskApiResults.FailureAsync(http, result, id, reads, ct);
        var comment = (await reads.CommentsAsync(id, result.Comment!.Id, ct)).Single();
        return Results.Created((string?)null, comment);
    }

    private static async Task<IResult> MarkReadAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        var result = await tasks.MarkConversationReadAsync(id, ct);
        return result.Succeeded ? Results.NoContent() : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }

    /// <summary>
    /// The form is read here, not bound: binding a form would demand an antiforgery token, which bearer calls neither
    /// have nor need (api.md §2). The body is read whole even when the file is too big, so the client gets the 413
    /// with its message (PLT-05) instead of a connection reset; bodies over the server limit never get here.
    /// </summary>
    private static async Task<IResult> AddAttachmentAsync(long id, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is not var (task, relation)) return ApiErrors.NotFound(http);
        if (!TaskAccess.CanEdit(await tasks.ViewerAsync(ct), task, relation)) return ApiErrors.Forbidden(http);
        if (!http.Request.HasFormContentType)
            return ApiErrors.Problem(http, 415, "unsupported_media_type", "Content-Type must be multipart/form-data");

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return TaskApiResults.Invalid(http, "file", "Envio multipart inválido.");
        }
        var uploads = form.Files.GetFiles("file");
        if (uploads.Count == 0) return TaskApiResults.Invalid(http, "file", Validators.Required);
        if (uploads.Count > 1) return TaskApiResults.Invalid(http, "file", "Envie um arquivo por requisição.");

        var result = await tasks.AddAttachmentsAsync(id, [UploadSource.From(uploads[0])], ct);
        if (!result.Succeeded) return await TaskApiResults.FailureAsync(http, result, id, reads, ct);
        var file = result.Files[0];
        var url = TaskApiReads.AttachmentUrl(id, file.Id);
        return Results.Created(url, new TaskAttachmentResponse(file.Id, file.OriginalName, file.ContentType, file.SizeBytes, url));
    }

    /// <summary>platform.md §5.2: always a download, never sniffed, never cached; 404 when the task is not visible.</summary>
    private static async Task<IResult> DownloadAttachmentAsync(long id, Guid fileId, HttpContext http, TaskService tasks, PortalDb db, FileUploads files, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, ct) is null) return ApiErrors.NotFound(http);
        var file = await db.StoredFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == fileId && f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id, ct);
        if (file is null || await files.OpenReadAsync(file, ct) is not { } content) return ApiErrors.NotFound(http);
        return FileResponses.Serve(http, file, content);
    }

    private static async Task<IResult> RemoveAttachmentAsync(long id, Guid fileId, HttpContext http, TaskService tasks, TaskApiReads reads, CancellationToken ct)
    {
        var result = await tasks.RemoveAttachmentAsync(id, fileId, ct);
        return result.Succeeded ? Results.NoContent() : await TaskApiResults.FailureAsync(http, result, id, reads, ct);
    }
}
