using Portal.Platform.Api;
using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>
/// The one translation of <see cref="TaskResult"/> outcomes into api.md §2 responses, so every endpoint answers the
/// same failure the same way.
/// </summary>
public static class TaskApiResults
{
    /// <summary>
    /// A failed operation as an API error. Stale (412) and a status changed meanwhile (409) carry the task as it is
    /// now in <c>current</c>, so the client can show it without another request.
    /// </summary>
    public static async Task<IResult> FailureAsync(HttpContext http, TaskResult result, long taskId, TaskApiReads reads, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case TaskOutcome.NotFound:
                return ApiErrors.NotFound(http);
            case TaskOutcome.Forbidden:
                return ApiErrors.Forbidden(http);
            case TaskOutcome.Invalid when result.Errors?.Values.Any(m => m.Contains(FileUploads.TypeNotAllowed)) == true:
                return ApiErrors.Problem(http, 400, "file_type_not_allowed", FileUploads.TypeNotAllowed);
            case TaskOutcome.Invalid:
                return ApiErrors.Validation(http, result.Errors ?? new FieldErrors());
            case TaskOutcome.InvalidTransition:
                return ApiErrors.Problem(http, 400, "invalid_transition", TaskMessages.InvalidTransition);
            case TaskOutcome.TooLarge:
                return ApiErrors.Problem(http, 413, "payload_too_large", result.Message ?? "Payload too large");
            case TaskOutcome.RateLimited:
                // The same answer as the API's own per-user limit (Platform/Api/ApiModule), with the upload message.
                http.Response.Headers.RetryAfter = UploadRateLimiter.RetrySeconds(result.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiErrors.Problem(http, 429, "rate_limited", result.Message!);
            case TaskOutcome.Stale or TaskOutcome.StatusChanged:
                var current = await reads.DetailAsync(taskId, ct);
                if (current is null) return ApiErrors.NotFound(http); // deleted meanwhile
                return result.Outcome == TaskOutcome.Stale
                    ? ApiErrors.PreconditionFailed(http, current)
                    : ApiErrors.Problem(http, 409, "conflict", TaskMessages.StatusChanged(current.Status), current: current);
            default:
                throw new InvalidOperationException($"{result.Outcome} is not a failure.");
        }
    }

    /// <summary>One field error as a 400 <c>validation_failed</c>.</summary>
    public static IResult Invalid(HttpContext http, string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return ApiErrors.Validation(http, errors);
    }
}
