using System.Globalization;
using Portal.Platform.Validation;

namespace Portal.Features.Admin.Settings;

/// <summary>Parsing helpers shared by the settings forms (numbers arrive as text so errors can be in pt-BR).</summary>
internal static class SettingsFields
{
    public const string Invalid = "Opção inválida.";
    public const string InvalidEmail = "E-mail inválido.";

    public static string Range(int min, int max) => $"Informe um número inteiro entre {min} e {max}.";

    public static int? Integer(FieldErrors errors, string field, string? value, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, Validators.Required);
            return null;
        }
        if (!int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add(field, Range(min, max));
            return null;
        }
        return number;
    }

    public static string? Email(FieldErrors errors, string field, string? value, bool required)
    {
        var clean = Validators.Text(errors, field, value, 254, required: required);
        if (clean is not null && !Validators.IsEmail(clean)) errors.Add(field, InvalidEmail);
        return clean;
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>A secret typed in a write-only field: blank keeps the stored one (returns false).</summary>
    public static bool HasNewSecret(string? value) => !string.IsNullOrWhiteSpace(value);
}
