using System.Globalization;

namespace Portal.Platform.Identity;

/// <summary>
/// Password rules in the spirit of NIST SP 800-63B: length and a block list instead of
/// composition rules, which push users towards predictable patterns like "Senha@123".
/// </summary>
public sealed class PasswordPolicy
{
    public const int MaximumLength = 128;

    // Below 8 a block list no longer compensates for the tiny search space.
    private const int AbsoluteMinimumLength = 8;

    // Shorter identifiers ("ana", "jo") would reject too many unrelated passwords.
    private const int MinimumIdentifierLength = 3;

    private const string CommonPasswordsResource = "Portal.CommonPasswords.txt";

    internal const string RequiredMessage = "Campo obrigatório.";
    internal const string TooLongMessage = "A senha deve ter no máximo 128 caracteres.";
    internal const string CommonMessage = "Senha muito comum. Escolha outra.";
    internal const string ContainsIdentityMessage = "A senha não pode conter seu e-mail ou nome de usuário.";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public PasswordPolicy(int minimumLength = 12)
    {
        MinimumLength = Math.Clamp(minimumLength, AbsoluteMinimumLength, MaximumLength);
    }

    public int MinimumLength { get; }

    public IReadOnlyList<string> Validate(string? password, string? email, string? username)
    {
        // A password of only spaces is what a form submits when the user typed nothing meaningful.
        if (string.IsNullOrWhiteSpace(password))
        {
            return [RequiredMessage];
        }

        var length = CountCharacters(password);
        if (length > MaximumLength)
        {
            // No point spending work on the other checks for input we reject anyway.
            return [TooLongMessage];
        }

        var errors = new List<string>();
        if (length < MinimumLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"A senha deve ter pelo menos {MinimumLength} caracteres."));
        }

        if (IsCommon(password))
        {
            errors.Add(CommonMessage);
        }

        if (ContainsIdentifier(password, EmailLocalPart(email)) || ContainsIdentifier(password, username))
        {
            errors.Add(ContainsIdentityMessage);
        }

        return errors;
    }

    internal static bool IsCommon(string password) => CommonPasswords.Value.Contains(password);

    // NIST counts each code point as one character; UTF-16 length would count an emoji as two
    // and let a 6-emoji password pass a 12-character minimum.
    private static int CountCharacters(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string? EmailLocalPart(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        // Quoted local parts may legally contain '@'; the domain never does.
        var at = email.LastIndexOf('@');
        return at >= 0 ? email[..at] : email;
    }

    private static bool ContainsIdentifier(string password, string? identifier)
    {
        if (identifier is null)
        {
            return false;
        }

        identifier = identifier.Trim();
        return identifier.Length >= MinimumIdentifierLength
            && password.Contains(identifier, StringComparison.OrdinalIgnoreCase);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(CommonPasswordsResource)
            ?? throw new InvalidOperationException($"Embedded resource '{CommonPasswordsResource}' not found.");
        using var reader = new StreamReader(stream);

        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
