using System.Text.RegularExpressions;

namespace Portal.Platform.Validation;

/// <summary>Field errors keyed by field name, in pt-BR (platform.md §3).</summary>
public sealed class FieldErrors : Dictionary<string, List<string>>
{
    public FieldErrors() : base(StringComparer.OrdinalIgnoreCase) { }

    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var list)) this[field] = list = [];
        list.Add(message);
    }

    public bool IsValid => Count == 0;
}

public static partial class Validators
{
    public const string Required = "Campo obrigatório.";

    public static string MaxLength(int max) => $"Máximo de {max} caracteres.";

    public static string MinLength(int min) => $"Mínimo de {min} caracteres.";

    /// <summary>RFC 5322 addr-spec subset: one @, a dotted domain, ≤ 254 characters.</summary>
    public static bool IsEmail(string? value) =>
        value is { Length: > 0 and <= 254 } && EmailPattern().IsMatch(value);

    public static bool IsUsername(string? value) => value is not null && UsernamePattern().IsMatch(value);

    public static bool IsColor(string? value) => value is not null && ColorPattern().IsMatch(value);

    /// <summary>Only local paths ("/x", never "//host" or "/\host") may be redirect targets (PLT-13).</summary>
    public static bool IsLocalPath(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'))
        && !value.Contains("://", StringComparison.Ordinal) && !value.Any(char.IsControl);

    /// <summary>Required text with a length window; returns the cleaned value.</summary>
    public static string? Text(FieldErrors errors, string field, string? value, int max, int min = 0, bool required = true)
    {
        var clean = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (clean is null)
        {
            if (required) errors.Add(field, Required);
            return null;
        }
        if (clean.Length > max) errors.Add(field, MaxLength(max));
        else if (clean.Length < min) errors.Add(field, MinLength(min));
        return clean;
    }

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[a-z0-9._-]{3,40}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
