using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Portal.Platform.Api;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>
/// A JSON request body of /api/v1/tasks read by hand: a typed body cannot tell an absent field from a null one (PATCH
/// needs both), and a bound body answers a wrong type or an unknown enum code with a bare 400. Here every such
/// problem becomes a pt-BR message under the field's name (api.md §2, API-15). Field names match case-insensitively.
/// </summary>
public sealed class TaskJsonBody
{
    public const string InvalidValue = "Valor inválido.";
    public const string InvalidDate = "Data inválida; use o formato AAAA-MM-DD.";
    public const string BodyField = "$";

    private readonly Dictionary<string, JsonProperty> _fields;

    private TaskJsonBody(Dictionary<string, JsonProperty> fields) => _fields = fields;

    public FieldErrors Errors { get; } = new();

    /// <summary>Names as the client sent them.</summary>
    public IEnumerable<string> Names => _fields.Values.Select(p => p.Name);

    /// <summary>
    /// Reads the body; an empty body is an empty object. Returns the error response instead when the content type is
    /// not JSON (415) or the text is not a JSON object (400 naming <see cref="BodyField"/>).
    /// </summary>
    public static async Task<(TaskJsonBody? Body, IResult? Error)> ReadAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength == 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return (new TaskJsonBody(new(StringComparer.OrdinalIgnoreCase)), null);
        if (!request.HasJsonContentType())
            return (null, ApiErrors.Problem(http, 415, "unsupported_media_type", "Content-Type must be application/json"));
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, BodyError(http, "O corpo da requisição deve ser um objeto JSON."));
            var fields = new Dictionary<string, JsonProperty>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.Clone().EnumerateObject()) fields[property.Name] = property;
            return (new TaskJsonBody(fields), null);
        }
        catch (JsonException ex)
        {
            return (null, BodyError(http, $"JSON inválido (linha {ex.LineNumber + 1}, posição {ex.BytePositionInLine + 1})."));
        }
    }

    private static IResult BodyError(HttpContext http, string message)
    {
        var errors = new FieldErrors();
        errors.Add(BodyField, message);
        return ApiErrors.Validation(http, errors);
    }

    public bool Has(string name) => _fields.ContainsKey(name);

    // Each TryX returns true when the field is present with a usable value (null included: null clears); a value of
    // the wrong type adds an error under the field's canonical camelCase name and returns false.

    public bool TryString(string name, out string? value)
    {
        value = null;
        if (!_fields.TryGetValue(name, out var p)) return false;
        if (p.Value.ValueKind == JsonValueKind.String) value = p.Value.GetString();
        else if (p.Value.ValueKind != JsonValueKind.Null) return Invalid(name);
        return true;
    }

    /// <summary>A whole number (an id) or null.</summary>
    public bool TryLong(string name, out long? value)
    {
        value = null;
        if (!_fields.TryGetValue(name, out var p)) return false;
        if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var number)) value = number;
        else if (p.Value.ValueKind != JsonValueKind.Null) return Invalid(name);
        return true;
    }

    public bool TryInt(string name, out int? value)
    {
        value = null;
        if (!TryLong(name, out var number)) return false;
        if (number is { } n && (n < int.MinValue || n > int.MaxValue)) return Invalid(name);
        value = (int?)number;
        return true;
    }

    public bool TryBool(string name, out bool? value)
    {
        value = null;
        if (!_fields.TryGetValue(name, out var p)) return false;
        if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) value = p.Value.GetBoolean();
        else if (p.Value.ValueKind != JsonValueKind.Null) return Invalid(name);
        return true;
    }

    /// <summary>A date-only value "2026-03-15" (api.md §2 "Dates") or null.</summary>
    public bool TryDate(string name, out DateOnly? value)
    {
        value = null;
        if (!TryString(name, out var text)) return false;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date;
            return true;
        }
        Errors.Add(name, InvalidDate);
        return false;
    }

    /// <summary>An enum by its English code (case-insensitive; numbers are not codes) or null.</summary>
    public bool TryEnum<T>(string name, out T? value) where T : struct, Enum
    {
        value = null;
        if (!TryString(name, out var text)) return false;
        if (text is null) return true;
        value = ParseEnum<T>(text);
        if (value is not null) return true;
        Errors.Add(name, EnumMessage<T>());
        return false;
    }

    /// <summary>An array of ids, or null.</summary>
    public bool TryIds(string name, out List<long>? value)
    {
        value = null;
        if (!_fields.TryGetValue(name, out var p)) return false;
        if (p.Value.ValueKind == JsonValueKind.Null) return true;
        if (p.Value.ValueKind != JsonValueKind.Array) return Invalid(name);
        var ids = new List<long>();
        foreach (var item in p.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var id)) return Invalid(name);
            ids.Add(id);
        }
        value = ids;
        return true;
    }

    /// <summary>Exactly one of the names (Enum.TryParse would also take numbers and "Low, High").</summary>
    public static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name) : null;

    public static string EnumMessage<T>() where T : struct, Enum => $"Valor inválido; use {string.Join(", ", Enum.GetNames<T>())}.";

    private bool Invalid(string name)
    {
        Errors.Add(name, InvalidValue);
        return false;
    }
}
