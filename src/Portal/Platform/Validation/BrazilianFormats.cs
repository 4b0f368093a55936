namespace Portal.Platform.Validation;

/// <summary>Phone, CEP and URL rules of platform.md §3 (stored digits-only / absolute http(s)).</summary>
public static class BrazilianFormats
{
    public const string InvalidPhone = "Telefone inválido. Informe DDD e número (10 ou 11 dígitos).";
    public const string InvalidEmail = "E-mail inválido.";
    public const string InvalidUrl = "Endereço inválido. Use um endereço http:// ou https://.";
    public const string InvalidPostalCode = "CEP inválido (8 dígitos).";

    /// <summary>10 or 11 digits with DDD after removing punctuation and an optional +55; null when invalid.</summary>
    public static string? NormalizePhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Any(c => char.IsLetter(c))) return null;
        var digits = Documents.Digits(value);
        if (value.TrimStart().StartsWith('+') && digits.StartsWith("55", StringComparison.Ordinal)) digits = digits[2..];
        else if (digits.Length is 12 or 13 && digits.StartsWith("55", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length is 10 or 11 && digits[0] != '0' ? digits : null;
    }

    /// <summary>(48) 3333-4444 / (48) 99999-8888.</summary>
    public static string FormatPhone(string? digits) => digits switch
    {
        { Length: 10 } d => $"({d[..2]}) {d[2..6]}-{d[6..]}",
        { Length: 11 } d => $"({d[..2]}) {d[2..7]}-{d[7..]}",
        _ => digits ?? "",
    };

    public static string? NormalizePostalCode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = Documents.Digits(value);
        return digits.Length == 8 && !value.Any(char.IsLetter) ? digits : null;
    }

    public static string FormatPostalCode(string? digits) => digits is { Length: 8 } d ? $"{d[..5]}-{d[5..]}" : digits ?? "";

    /// <summary>Absolute http/https only, ≤ 500 characters (no javascript:, data:, file:).</summary>
    public static bool IsHttpUrl(string? value) =>
        value is { Length: > 0 and <= 500 }
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
