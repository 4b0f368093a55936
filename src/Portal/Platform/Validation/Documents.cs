namespace Portal.Platform.Validation;

public enum DocumentKind { Cnpj, Cpf }

/// <summary>
/// CNPJ and CPF check digits (clients.md §3, platform.md §3). Input accepts any punctuation; letters are upper-cased
/// because the alphanumeric CNPJ (from July 2026) has letters in its first 12 positions. Values are computed as the
/// character's ASCII code − 48, so digits keep their value and "A" = 17.
/// </summary>
public static class Documents
{
    public const string InvalidCnpj = "CNPJ inválido.";
    public const string InvalidCpf = "CPF inválido.";

    private static readonly int[] CnpjWeights1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly int[] CnpjWeights2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Letters and digits only, upper-case: "12.abc.345/01de-35" → "12ABC34501DE35".</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        Span<char> buffer = value.Length <= 64 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
            if (char.IsAsciiLetterOrDigit(c)) buffer[n++] = char.ToUpperInvariant(c);
        return new string(buffer[..n]);
    }

    /// <summary>Digits only (the document part of a search text, "0001-81" → "000181").</summary>
    public static string Digits(string? value) => string.IsNullOrEmpty(value) ? "" : string.Concat(value.Where(char.IsAsciiDigit));

    public static bool IsCpf(string? value)
    {
        var cpf = Clean(value);
        if (cpf.Length != 11 || !cpf.All(char.IsAsciiDigit) || AllSame(cpf)) return false;
        return cpf[9] - '0' == CpfDigit(cpf, 9) && cpf[10] - '0' == CpfDigit(cpf, 10);
    }

    public static bool IsCnpj(string? value)
    {
        var cnpj = Clean(value);
        if (cnpj.Length != 14 || !char.IsAsciiDigit(cnpj[12]) || !char.IsAsciiDigit(cnpj[13]) || AllSame(cnpj)) return false;
        return cnpj[12] - '0' == CnpjDigit(cnpj, CnpjWeights1) && cnpj[13] - '0' == CnpjDigit(cnpj, CnpjWeights2);
    }

    public static bool IsValid(DocumentKind kind, string? value) => kind == DocumentKind.Cnpj ? IsCnpj(value) : IsCpf(value);

    /// <summary>The two check digits for the first 12 characters of a CNPJ (used by generators and tests).</summary>
    public static string CnpjCheckDigits(string first12)
    {
        var body = Clean(first12);
        if (body.Length != 12) throw new ArgumentException("12 caracteres esperados.", nameof(first12));
        var d1 = CnpjDigit(body, CnpjWeights1);
        var d2 = CnpjDigit(body + (char)('0' + d1), CnpjWeights2);
        return $"{d1}{d2}";
    }

    /// <summary>The two check digits for the first 9 digits of a CPF.</summary>
    public static string CpfCheckDigits(string first9)
    {
        var body = Clean(first9);
        if (body.Length != 9 || !body.All(char.IsAsciiDigit)) throw new ArgumentException("9 dígitos esperados.", nameof(first9));
        var d1 = CpfDigit(body + "00", 9);
        var d2 = CpfDigit(body + (char)('0' + d1) + "0", 10);
        return $"{d1}{d2}";
    }

    /// <summary>12.345.678/0001-95, 123.456.789-09; anything else (e.g. an imported invalid value) as stored.</summary>
    public static string Format(string? document)
    {
        var d = Clean(document);
        return d.Length switch
        {
            14 => $"{d[..2]}.{d[2..5]}.{d[5..8]}/{d[8..12]}-{d[12..]}",
            11 => $"{d[..3]}.{d[3..6]}.{d[6..9]}-{d[9..]}",
            _ => document ?? "",
        };
    }

    private static int CnpjDigit(string cnpj, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var c = cnpj[i];
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c)) return -1;
            sum += (c - 48) * weights[i];
        }
        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    /// <summary>Check digit at <paramref name="position"/> (9 or 10): weights position+1 .. 2 over the preceding digits.</summary>
    private static int CpfDigit(string cpf, int position)
    {
        var sum = 0;
        for (var i = 0; i < position; i++) sum += (cpf[i] - '0') * (position + 1 - i);
        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    private static bool AllSame(string value) => value.All(c => c == value[0]);
}
