using System.Text.Json.Serialization;
using Portal.Platform.Validation;

namespace Portal.Platform.Api;

/// <summary>The one error shape of api.md §2.</summary>
public sealed record ApiError(
    string Error, string Message, int Status, string? RequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Fields = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Current = null);

/// <summary>Builders for the error codes every module's endpoints answer with.</summary>
public static class ApiErrors
{
    public static IResult Problem(HttpContext http, int status, string code, string message, IReadOnlyDictionary<string, string[]>? fields = null, object? current = null) =>
        Results.Json(new ApiError(code, message, status, http.TraceIdentifier, fields, current), statusCode: status);

    public static IResult NotFound(HttpContext http) => Problem(http, 404, "not_found", "Not found");

    public static IResult Forbidden(HttpContext http, string message = "Forbidden") => Problem(http, 403, "forbidden", message);

    /// <summary>400 with field errors keyed by JSON (camelCase) field name and pt-BR messages (API-15).</summary>
    public static IResult Validation(HttpContext http, FieldErrors errors) =>
        Problem(http, 400, "validation_failed", "Validation failed",
            errors.ToDictionary(e => CamelCase(e.Key), e => e.Value.ToArray()));

    public static IResult PreconditionRequired(HttpContext http) =>
        Problem(http, 428, "precondition_required", "If-Match header required");

    public static IResult PreconditionFailed(HttpContext http, object current) =>
        Problem(http, 412, "precondition_failed", "Resource was modified", current: current);

    public static string CamelCase(string field) =>
        string.IsNullOrEmpty(field) ? "" : char.ToLowerInvariant(field[0]) + field[1..];
}
